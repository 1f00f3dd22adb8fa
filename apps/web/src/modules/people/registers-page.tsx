import {
  type CurrentUser,
  type Register,
  type RegisterEntry,
  type RegisterPage,
  registerPermission,
  registers,
} from "@linli/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";

/** 专项人群: a register the user may read, opened with a stated purpose (audited). */
export function RegistersPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const readable = registers.filter((register) => user.permissions.includes(registerPermission(register)));
  const [opened, setOpened] = useState<{ register: Register; reason: string } | null>(null);
  const page = useQuery({
    queryKey: ["register", opened],
    enabled: opened !== null,
    queryFn: () =>
      api<RegisterPage>(`/api/registers/${opened?.register}?limit=200&reason=${encodeURIComponent(opened?.reason ?? "")}`),
  });
  return (
    <Card title={t("registersPage.title")}>
      <Form
        layout="inline"
        initialValues={{ register: readable[0] }}
        onFinish={(values: { register: Register; reason: string }) => setOpened(values)}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="register" label={t("registersPage.choose")}>
          <Select
            style={{ width: 200 }}
            options={readable.map((register) => ({ value: register, label: t(`registerNames.${register}`) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t("people.reason")} rules={[{ required: true, min: 4 }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t("registersPage.open")}
        </Button>
      </Form>
      <Alert type="info" showIcon title={t("people.registersHint")} style={{ marginBottom: 16 }} />
      {page.isError && <Alert type="error" showIcon title={errorMessage(page.error)} />}
      {opened && (
        <Table<RegisterEntry>
          rowKey="id"
          loading={page.isLoading}
          dataSource={page.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t("people.name"), dataIndex: "residentName" },
            { title: t("registersPage.startDate"), dataIndex: "startDate" },
            {
              title: t("registersPage.visitFrequency"),
              dataIndex: "visitFrequency",
              render: (frequency) => t(`registersPage.frequencies.${frequency}`),
            },
            { title: t("registersPage.responsible"), dataIndex: "responsible" },
            {
              title: t("registersPage.status"),
              dataIndex: "status",
              render: (status) => (
                <Space>
                  <Tag color={status === "active" ? "red" : undefined}>{t(`registersPage.statuses.${status}`)}</Tag>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
