import type { CreateIntegrityVisit, CurrentUser, IntegrityVisit } from "@linli/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Drawer, Form, Input, Select, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { todayInChina } from "../../ui/format";

const useIntegrityVisits = () =>
  useQuery({
    queryKey: ["integrity-visits"],
    queryFn: () => api<{ items: IntegrityVisit[] }>("/api/integrity-visits"),
  });

function useRecordIntegrityVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIntegrityVisit) => api<IntegrityVisit>("/api/integrity-visits", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["integrity-visits"] }),
  });
}

function RecordVisit({ user, onDone }: { user: CurrentUser; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordIntegrityVisit();
  return (
    <Form<CreateIntegrityVisit>
      layout="vertical"
      initialValues={{
        regionCode: user.scope.regions[0],
        visitedOn: todayInChina(),
        visitors: [user.displayName],
        commitmentSigned: false,
      }}
      onFinish={(values) => record.mutate({ ...values, risksNoted: values.risksNoted ?? "" }, { onSuccess: onDone })}
    >
      <Form.Item name="regionCode" label={t("integrity.fields.regionCode")} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="officialName" label={t("integrity.fields.officialName")} rules={[{ required: true, max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="officialPost" label={t("integrity.fields.officialPost")} rules={[{ required: true, max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="familyMet" label={t("integrity.fields.familyMet")} rules={[{ required: true, max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="visitors" label={t("integrity.fields.visitors")} rules={[{ required: true }]}>
        <Select mode="tags" open={false} />
      </Form.Item>
      <Form.Item name="visitedOn" label={t("integrity.fields.visitedOn")} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="talk" label={t("integrity.fields.talk")} rules={[{ required: true, max: 4000 }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
      <Form.Item name="risksNoted" label={t("integrity.fields.risksNoted")}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="commitmentSigned" label={t("integrity.fields.commitmentSigned")} valuePropName="checked">
        <Switch />
      </Form.Item>
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={record.isPending} block>
        {t("integrity.save")}
      </Button>
    </Form>
  );
}

/** 廉政家访: the discipline officer's record of visits to officials' families; no other role sees this page. */
export function IntegrityPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const visits = useIntegrityVisits();
  const [adding, setAdding] = useState(false);
  return (
    <Card title={t("menu.integrity")}>
      <Alert type="info" showIcon title={t("integrity.privacy")} style={{ marginBottom: 12 }} />
      <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 12, marginRight: 8 }}>
        {t("integrity.add")}
      </Button>
      <Button href="/api/integrity-visits/export">{t("integrity.export")}</Button>
      {visits.isError && <Alert type="error" showIcon title={errorMessage(visits.error)} />}
      <Table<IntegrityVisit>
        size="small"
        rowKey="id"
        loading={visits.isLoading}
        dataSource={visits.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (visit) => <p style={{ margin: 0 }}>{visit.talk}</p> }}
        columns={[
          { title: t("integrity.fields.visitedOn"), dataIndex: "visitedOn", width: 110 },
          { title: t("integrity.fields.officialName"), dataIndex: "officialName", width: 120 },
          { title: t("integrity.fields.officialPost"), dataIndex: "officialPost" },
          { title: t("integrity.fields.familyMet"), dataIndex: "familyMet", width: 140 },
          { title: t("integrity.fields.visitors"), render: (_, visit) => visit.visitors.join("、") },
          { title: t("integrity.fields.risksNoted"), dataIndex: "risksNoted", ellipsis: true },
          {
            title: t("integrity.fields.commitmentSigned"),
            width: 110,
            render: (_, visit) => (visit.commitmentSigned ? <Tag color="green">{t("integrity.yes")}</Tag> : t("integrity.no")),
          },
        ]}
      />
      <Drawer open={adding} onClose={() => setAdding(false)} title={t("integrity.add")} width={480} destroyOnHidden>
        <RecordVisit user={user} onDone={() => setAdding(false)} />
      </Drawer>
    </Card>
  );
}
