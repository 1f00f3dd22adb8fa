import type { CurrentUser, FraudCampaign, FraudImportReport, FraudWarning } from "@linli/contracts";
import { Alert, Button, Card, Drawer, Form, Input, Modal, Radio, Space, Table, Tabs, Tag, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { todayInChina } from "../../ui/format";
import { useCampaigns, useCreateCampaign, useImportList, useProgress, useWarnings } from "./fraud-api";
import { FraudYearsTab } from "./fraud-years-tab";
import { statusColours } from "./my-warnings";

/** A refused row as the table shows it: row number, column, reason. */
type Refused = FraudImportReport["refused"][number];

function refusedOf(error: unknown): Refused[] {
  const errors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  return errors.map((item) => {
    const [, row, column] = /^rows\.(\d+)\.(\w+)$/.exec(item.field) ?? [];
    return { row: Number(row ?? 0), field: column ?? item.field, code: item.code, message: item.message };
  });
}

/** Upload the police's list: check it first (nothing written), then import, all or none or the valid rows. */
function ImportList({ campaign }: { campaign: FraudCampaign }) {
  const { t } = useTranslation();
  const importList = useImportList(campaign.id);
  const [mode, setMode] = useState<"all_or_none" | "valid_rows">("all_or_none");
  const [file, setFile] = useState<File | null>(null);
  const report = importList.data;
  const refused = report?.refused ?? refusedOf(importList.error);
  const columnName = (field: string) => t(`fraud.columns.${field}`, { defaultValue: field });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Alert type="info" title={t("fraud.import.hint")} />
      <Space wrap>
        <span>{t("fraud.import.mode")}</span>
        <Radio.Group
          value={mode}
          onChange={(event) => setMode(event.target.value)}
          options={(["all_or_none", "valid_rows"] as const).map((value) => ({ value, label: t(`fraud.import.modes.${value}`) }))}
        />
      </Space>
      <Space wrap>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            importList.reset();
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button>{t("fraud.import.choose")}</Button>
        </Upload>
        <Button
          disabled={!file}
          loading={importList.isPending}
          onClick={() => file && importList.mutate({ file, mode, dryRun: true })}
        >
          {t("fraud.import.check")}
        </Button>
        <Button
          type="primary"
          disabled={!file}
          loading={importList.isPending}
          onClick={() => file && importList.mutate({ file, mode, dryRun: false })}
        >
          {t("fraud.import.run")}
        </Button>
      </Space>
      {report && (
        <Alert
          type={report.refused.length > 0 ? "warning" : "success"}
          showIcon
          data-testid="fraud-import-report"
          title={`${report.dryRun ? `${t("fraud.import.checked")}：` : ""}${t("fraud.import.report", {
            ...report,
            refused: report.refused.length,
          })}`}
        />
      )}
      {importList.isError && <Alert type="error" showIcon title={errorMessage(importList.error)} />}
      {refused.length > 0 && (
        <Table<Refused>
          size="small"
          rowKey={(row) => `${row.row}-${row.field}-${row.code}`}
          dataSource={refused}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          title={() => t("fraud.import.refusedRows")}
          columns={[
            { title: t("fraud.import.row"), dataIndex: "row", width: 64 },
            { title: t("fraud.import.column"), render: (_, row) => columnName(row.field), width: 140 },
            { title: t("fraud.import.reason"), dataIndex: "message" },
          ]}
        />
      )}
    </Space>
  );
}

function Progress({ campaign }: { campaign: FraudCampaign }) {
  const { t } = useTranslation();
  const progress = useProgress(campaign.id);
  return (
    <>
      <Button href={`/api/fraud-campaigns/${campaign.id}/progress/export`} style={{ marginBottom: 12 }}>
        {t("fraud.export")}
      </Button>
      {progress.isError && <Alert type="error" showIcon title={errorMessage(progress.error)} />}
      <Table
        size="small"
        rowKey="regionCode"
        loading={progress.isLoading}
        dataSource={progress.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: t("fraud.progress.region"), dataIndex: "regionName" },
          ...(["total", "dissuaded", "warned", "notReached", "open", "overdue"] as const).map((key) => ({
            title: t(`fraud.progress.${key}`),
            dataIndex: key,
          })),
          {
            title: t("fraud.progress.reachedRate"),
            render: (_: unknown, row: { reachedRate: number | null }) => (row.reachedRate === null ? "—" : `${row.reachedRate}%`),
          },
        ]}
      />
    </>
  );
}

function CampaignWarnings({ campaign }: { campaign: FraudCampaign }) {
  const { t } = useTranslation();
  const warnings = useWarnings(campaign.id);
  return (
    <>
      <Button href={`/api/fraud-warnings/export?view=campaign&campaignId=${campaign.id}`} style={{ marginBottom: 12 }}>
        {t("fraud.export")}
      </Button>
      {warnings.isError && <Alert type="error" showIcon title={errorMessage(warnings.error)} />}
      <Table<FraudWarning>
        size="small"
        rowKey="id"
        loading={warnings.isLoading}
        dataSource={warnings.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 800 }}
        columns={[
          { title: t("fraud.warning.name"), dataIndex: "name", width: 100 },
          { title: t("fraud.warning.address"), dataIndex: "address" },
          { title: t("fraud.warning.reason"), dataIndex: "reason" },
          { title: t("fraud.warning.deadline"), dataIndex: "deadline", width: 110 },
          {
            title: t("fraud.warning.status"),
            width: 110,
            render: (_, warning) => <Tag color={statusColours[warning.status]}>{t(`fraud.statuses.${warning.status}`)}</Tag>,
          },
          { title: t("fraud.warning.note"), dataIndex: "note" },
        ]}
      />
    </>
  );
}

function NewCampaign({ open, onClose, defaultRegion }: { open: boolean; onClose: () => void; defaultRegion?: string }) {
  const { t } = useTranslation();
  const create = useCreateCampaign();
  const [form] = Form.useForm();
  return (
    <Modal
      open={open}
      title={t("fraud.campaign.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("fraud.campaign.create")}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ regionCode: defaultRegion, startsOn: todayInChina() }}
        onFinish={(values) => create.mutate(values, { onSuccess: onClose })}
      >
        <Form.Item name="title" label={t("fraud.campaign.title")} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t("fraud.campaign.region")}
          rules={[{ required: true, pattern: /^\d{6}(\d{3}){0,2}$/ }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="startsOn" label={t("fraud.campaign.startsOn")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="deadline" label={t("fraud.campaign.deadline")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        {create.isError && <Alert type="error" showIcon title={errorMessage(create.error)} />}
      </Form>
    </Modal>
  );
}

function Campaigns({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState<FraudCampaign | null>(null);
  const manages = user.permissions.includes("fraud.manage");
  return (
    <>
      {manages && (
        <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>
          {t("fraud.campaign.add")}
        </Button>
      )}
      <Button href="/api/fraud-campaigns/export" style={{ marginBottom: 12, marginLeft: manages ? 8 : 0 }}>
        {t("fraud.export")}
      </Button>
      {campaigns.isError && <Alert type="error" showIcon title={errorMessage(campaigns.error)} />}
      <Table<FraudCampaign>
        size="small"
        rowKey="id"
        loading={campaigns.isLoading}
        dataSource={campaigns.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        onRow={(campaign) => ({ onClick: () => setOpened(campaign), style: { cursor: "pointer" } })}
        columns={[
          { title: t("fraud.campaign.title"), dataIndex: "title" },
          { title: t("fraud.campaign.regionName"), dataIndex: "regionName", width: 140 },
          { title: t("fraud.campaign.startsOn"), dataIndex: "startsOn", width: 110 },
          { title: t("fraud.campaign.deadline"), dataIndex: "deadline", width: 110 },
          { title: t("fraud.campaign.warnings"), dataIndex: "warnings", width: 90 },
          { title: t("fraud.campaign.done"), dataIndex: "done", width: 110 },
        ]}
      />
      <NewCampaign open={adding} onClose={() => setAdding(false)} defaultRegion={user.scope.regions[0]} />
      <Drawer open={opened !== null} onClose={() => setOpened(null)} title={opened?.title} width={880} destroyOnHidden>
        {opened && (
          <Tabs
            items={[
              { key: "progress", label: t("fraud.progress.title"), children: <Progress campaign={opened} /> },
              { key: "warnings", label: t("fraud.list"), children: <CampaignWarnings campaign={opened} /> },
              ...(manages ? [{ key: "import", label: t("fraud.import.title"), children: <ImportList campaign={opened} /> }] : []),
            ]}
          />
        )}
      </Drawer>
    </>
  );
}

/** 反诈 上门预警劝阻: the campaigns and their progress, and the police's yearly figures with year-on-year change. */
export function FraudPage({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: "campaigns", label: t("fraud.views.campaigns"), children: <Campaigns user={user} /> },
          { key: "years", label: t("fraud.views.years"), children: <FraudYearsTab user={user} /> },
        ]}
      />
    </Card>
  );
}
