import { type CurrentUser, type DisputeList, disputeKinds, disputePartySides } from "@linli/contracts";
import { Alert, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { communityOf } from "../../ui/community";
import { todayInChina } from "../../ui/format";
import { DisputeDetail } from "./dispute-drawer";
import { useCreateDispute, useDisputeStats, useDisputes } from "./disputes-api";

type Row = DisputeList["items"][number];

function NewDispute({ user, open, onClose }: { user: CurrentUser; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateDispute();
  const [form] = Form.useForm();
  return (
    <Modal
      open={open}
      title={t("disputes.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("disputes.save")}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: communityOf(user),
          reportedOn: todayInChina(),
          kind: "neighbour",
          parties: [
            { name: "", side: "applicant" },
            { name: "", side: "respondent" },
          ],
          mediators: [user.displayName],
        }}
        onFinish={(values) => create.mutate(values, { onSuccess: onClose })}
      >
        <Form.Item name="regionCode" label={t("disputes.fields.regionCode")} rules={[{ required: true, pattern: /^\d{12}$/ }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t("disputes.fields.kind")} rules={[{ required: true }]}>
          <Select options={disputeKinds.map((value) => ({ value, label: t(`disputes.kinds.${value}`) }))} />
        </Form.Item>
        <Form.Item name="summary" label={t("disputes.fields.summary")} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <Form.Item label={t("disputes.fields.parties")} required>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, "name"]} rules={[{ required: true, max: 50 }]}>
                    <Input
                      aria-label={`${t("disputes.fields.partyName")} ${index + 1}`}
                      placeholder={t("disputes.fields.partyName")}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "side"]}>
                    <Select
                      style={{ width: 120 }}
                      options={disputePartySides.map((value) => ({ value, label: t(`disputes.sides.${value}`) }))}
                    />
                  </Form.Item>
                  {fields.length > 2 && <Button onClick={() => remove(field.name)}>{t("disputes.removeParty")}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ name: "", side: "other" })}>{t("disputes.addParty")}</Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="mediators" label={t("disputes.fields.mediators")} rules={[{ required: true }]}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="reportedOn" label={t("disputes.fields.reportedOn")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        {create.isError && <Alert type="error" showIcon title={errorMessage(create.error)} />}
      </Form>
    </Modal>
  );
}

function Register({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | undefined>("open");
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const disputes = useDisputes(status);
  const records = user.permissions.includes("disputes.record");
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {records && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t("disputes.add")}
          </Button>
        )}
        <Select
          aria-label={t("disputes.fields.status")}
          value={status ?? "all"}
          style={{ width: 140 }}
          onChange={(value) => setStatus(value === "all" ? undefined : value)}
          options={[
            { value: "open", label: t("disputes.statuses.open") },
            { value: "closed", label: t("disputes.statuses.closed") },
            { value: "all", label: t("disputes.statuses.all") },
          ]}
        />
        <Button href={`/api/disputes/export${status ? `?status=${status}` : ""}`}>{t("disputes.export")}</Button>
      </Space>
      {disputes.isError && <Alert type="error" showIcon title={errorMessage(disputes.error)} />}
      <Table<Row>
        size="small"
        rowKey="id"
        loading={disputes.isLoading}
        dataSource={disputes.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        onRow={(row) => ({ onClick: () => setOpened(row.id), style: { cursor: "pointer" } })}
        columns={[
          { title: t("disputes.fields.reportedOn"), dataIndex: "reportedOn", width: 110 },
          { title: t("disputes.fields.kind"), render: (_, row) => t(`disputes.kinds.${row.kind}`), width: 110 },
          { title: t("disputes.fields.parties"), render: (_, row) => row.parties.map((party) => party.name).join("、") },
          { title: t("disputes.fields.summary"), dataIndex: "summary", ellipsis: true },
          { title: t("disputes.fields.sessions"), dataIndex: "sessions", width: 90 },
          {
            title: t("disputes.fields.outcome"),
            width: 160,
            render: (_, row) =>
              row.outcome ? (
                <Tag color="green">{t(`disputes.outcomes.${row.outcome}`)}</Tag>
              ) : (
                <Tag color="blue">{t("disputes.statuses.open")}</Tag>
              ),
          },
        ]}
      />
      <NewDispute user={user} open={adding} onClose={() => setAdding(false)} />
      <Drawer open={opened !== null} onClose={() => setOpened(null)} title={t("disputes.detail")} width={560} destroyOnHidden>
        {opened && <DisputeDetail id={opened} records={records} />}
      </Drawer>
    </>
  );
}

function Stats({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const today = todayInChina();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const regionCode = user.scope.regions[0] ?? user.scope.grids[0]?.slice(0, 12);
  const stats = useDisputeStats(regionCode, from, to);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input type="date" aria-label={t("disputes.from")} value={from} onChange={(event) => setFrom(event.target.value)} />
        <Input type="date" aria-label={t("disputes.to")} value={to} onChange={(event) => setTo(event.target.value)} />
        <Button href={`/api/disputes/stats/export?regionCode=${regionCode}&from=${from}&to=${to}`}>{t("disputes.export")}</Button>
      </Space>
      {stats.isError && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      <Table
        size="small"
        rowKey="regionCode"
        loading={stats.isLoading}
        dataSource={stats.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: t("disputes.stats.community"), dataIndex: "regionName" },
          ...(["received", "open", "agreement", "referred", "withdrawn", "followUpsDue"] as const).map((key) => ({
            title: t(`disputes.stats.${key}`),
            dataIndex: key,
          })),
          {
            title: t("disputes.stats.successRate"),
            render: (_: unknown, row: { successRate: number | null }) => (row.successRate === null ? "—" : `${row.successRate}%`),
          },
        ]}
      />
    </>
  );
}

/** 矛盾纠纷: the dispute register with its mediation sessions, and the success rate per community. */
export function DisputesPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const reads = user.permissions.includes("disputes.read");
  return (
    <Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: "register", label: t("disputes.views.register"), children: <Register user={user} /> },
          ...(reads ? [{ key: "stats", label: t("disputes.views.stats"), children: <Stats user={user} /> }] : []),
        ]}
      />
    </Card>
  );
}
