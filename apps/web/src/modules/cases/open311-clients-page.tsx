import type { IssuedOpen311Client, Open311Client } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { formatDateTime } from "../../ui/format";

/** Open311 API clients: issue one (its key shown once), see them, revoke one. */
export function Open311ClientsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; regions: string; ratePerMinute: number }>();
  const [issued, setIssued] = useState<IssuedOpen311Client | null>(null);
  const clients = useQuery({
    queryKey: ["open311-clients"],
    queryFn: () => api<{ items: Open311Client[] }>("/api/open311-clients"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["open311-clients"] });
  const create = useMutation({
    mutationFn: (values: { name: string; regions: string; ratePerMinute: number }) =>
      api<IssuedOpen311Client>("/api/open311-clients", {
        method: "POST",
        body: {
          name: values.name,
          regions: values.regions.split(/[\s,，]+/).filter(Boolean),
          ratePerMinute: values.ratePerMinute,
        },
      }),
    onSuccess: (result) => {
      setIssued(result);
      form.resetFields();
      return refresh();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error, ["name", "regions", "ratePerMinute"], (field) => field.replace(/\.\d+$/, "")))
        void message.error(errorMessage(error));
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/open311-clients/${id}/revoke`, { method: "POST" }),
    onSuccess: refresh,
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Card title={t("open311.title")} extra={<a href="/open311/v2/discovery.json">discovery.json</a>}>
      <Form form={form} layout="inline" onFinish={(values) => create.mutate(values)} style={{ marginBottom: 16 }}>
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={t("open311.name")} maxLength={60} />
        </Form.Item>
        <Form.Item name="regions" rules={[{ required: true }]} extra={t("open311.regionsHint")}>
          <Input placeholder={t("open311.regions")} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="ratePerMinute" initialValue={120} label={t("open311.rate")}>
          <InputNumber min={1} max={6000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t("open311.issue")}
        </Button>
      </Form>
      {clients.isError && <Alert type="error" showIcon title={errorMessage(clients.error)} />}
      <Table<Open311Client>
        rowKey="id"
        size="small"
        loading={clients.isLoading}
        dataSource={clients.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t("open311.name"), dataIndex: "name" },
          { title: t("open311.key"), render: (_, row) => <code>{row.keyPrefix}…</code> },
          { title: t("open311.regions"), render: (_, row) => row.regions.join(", ") },
          { title: t("open311.rate"), dataIndex: "ratePerMinute" },
          { title: t("open311.created"), render: (_, row) => formatDateTime(row.createdAt) },
          {
            title: "",
            render: (_, row) =>
              row.revokedAt ? (
                <Tag>{t("open311.revoked")}</Tag>
              ) : (
                <Button type="link" danger onClick={() => revoke.mutate(row.id)}>
                  {t("open311.revoke")}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={issued !== null}
        title={t("open311.issuedTitle")}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
      >
        <Typography.Paragraph>{t("open311.issuedHint")}</Typography.Paragraph>
        <Typography.Text copyable code data-testid="open311-key">
          {issued?.apiKey}
        </Typography.Text>
      </Modal>
    </Card>
  );
}
