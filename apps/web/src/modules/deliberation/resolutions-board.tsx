import { assigneeKinds, type Resolution, type ResolutionAction } from "@linli/contracts";
import { Alert, Button, Checkbox, Form, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { todayInChina } from "../../ui/format";
import { useActionProgress, useAddAction, useCompleteAction, useResolutions } from "./deliberation-api";

const statusColour = { open: "blue", overdue: "red", done: "green" } as const;
/** The 三化 flags an action may switch on when done. */
const profileFlags = ["smartAccess", "watch24h", "guards", "gate", "fence", "cameras", "ownersCommittee"] as const;

function NewAction({ resolution }: { resolution: Resolution }) {
  const { t } = useTranslation();
  const add = useAddAction(resolution.id);
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      initialValues={{ assigneeKind: "owners_committee", dueOn: todayInChina(), flags: [] }}
      onFinish={({ flags, propertyCompany, ...values }) => {
        const change = {
          ...Object.fromEntries((flags as string[]).map((flag) => [flag, true])),
          ...(propertyCompany ? { propertyManagement: "property_company", propertyCompany } : {}),
        };
        add.mutate(
          { ...values, ...(Object.keys(change).length > 0 ? { profileChange: change } : {}) },
          { onSuccess: () => form.resetFields() },
        );
      }}
    >
      <Form.Item name="title" rules={[{ required: true, max: 200 }]}>
        <Input aria-label={t("deliberation.action.title")} placeholder={t("deliberation.action.title")} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="assigneeKind">
        <Select
          style={{ width: 120 }}
          options={assigneeKinds.map((value) => ({ value, label: t(`deliberation.assignees.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="assigneeName" rules={[{ required: true, max: 100 }]}>
        <Input aria-label={t("deliberation.action.assigneeName")} placeholder={t("deliberation.action.assigneeName")} />
      </Form.Item>
      <Form.Item name="dueOn" rules={[{ required: true }]}>
        <Input type="date" aria-label={t("deliberation.action.dueOn")} />
      </Form.Item>
      {resolution.compoundId && (
        <>
          <Form.Item name="propertyCompany">
            <Input aria-label={t("deliberation.action.propertyCompany")} placeholder={t("deliberation.action.propertyCompany")} />
          </Form.Item>
          <Form.Item name="flags" label={t("deliberation.action.profile")}>
            <Checkbox.Group options={profileFlags.map((flag) => ({ value: flag, label: t(`deliberation.flags.${flag}`) }))} />
          </Form.Item>
        </>
      )}
      <Button htmlType="submit" loading={add.isPending}>
        {t("deliberation.action.add")}
      </Button>
      {add.isError && <Alert type="error" showIcon title={errorMessage(add.error)} />}
    </Form>
  );
}

function ActionRow({ action, manages }: { action: ResolutionAction; manages: boolean }) {
  const { t } = useTranslation();
  const progress = useActionProgress();
  const complete = useCompleteAction();
  const [note, setNote] = useState("");
  const change = action.profileChange
    ? Object.entries(action.profileChange)
        .map(([key, value]) =>
          key === "propertyCompany" ? String(value) : key === "propertyManagement" ? "" : t(`deliberation.flags.${key}`),
        )
        .filter(Boolean)
        .join("、")
    : "";
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="resolution-action">
      <Space wrap>
        <Tag color={statusColour[action.status]}>{t(`deliberation.actionStatuses.${action.status}`)}</Tag>
        <strong>{action.title}</strong>
        <span>
          {t(`deliberation.assignees.${action.assigneeKind}`)} {action.assigneeName}
        </span>
        <span>
          {t("deliberation.action.dueOn")} {action.dueOn}
        </span>
        {action.completedOn && <span>{t("deliberation.action.completedOn", { date: action.completedOn })}</span>}
        {change && <Tag color="gold">{t("deliberation.action.changes", { change })}</Tag>}
      </Space>
      {action.progress.map((entry) => (
        <div key={entry.recordedAt} style={{ paddingLeft: 16 }}>
          · {entry.note}（{entry.recordedBy}）
        </div>
      ))}
      {manages && action.status !== "done" && (
        <Space wrap>
          <Input
            aria-label={t("deliberation.action.progress")}
            placeholder={t("deliberation.action.progress")}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            style={{ width: 260 }}
          />
          <Button
            disabled={!note}
            loading={progress.isPending}
            onClick={() => progress.mutate({ id: action.id, note }, { onSuccess: () => setNote("") })}
          >
            {t("deliberation.action.addProgress")}
          </Button>
          <Button
            type="primary"
            loading={complete.isPending}
            onClick={() =>
              complete.mutate({ id: action.id, version: action.version, completedOn: todayInChina(), ...(note ? { note } : {}) })
            }
          >
            {t("deliberation.action.complete")}
          </Button>
        </Space>
      )}
      {(progress.isError || complete.isError) && (
        <Alert type="error" showIcon title={errorMessage(progress.error ?? complete.error)} />
      )}
    </Space>
  );
}

/** 决议落实: every resolution with its actions, overdue ones first to catch the eye. */
export function ResolutionsBoard({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const resolutions = useResolutions(status);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t("deliberation.meeting.status")}
          value={status ?? "all"}
          style={{ width: 140 }}
          onChange={(value) => setStatus(value === "all" ? undefined : value)}
          options={[
            { value: "all", label: t("deliberation.actionStatuses.all") },
            ...(["overdue", "open", "done"] as const).map((value) => ({
              value,
              label: t(`deliberation.actionStatuses.${value}`),
            })),
          ]}
        />
        <Button href={`/api/resolutions/export${status ? `?status=${status}` : ""}`}>{t("deliberation.export")}</Button>
      </Space>
      {resolutions.isError && <Alert type="error" showIcon title={errorMessage(resolutions.error)} />}
      <Table<Resolution>
        size="small"
        rowKey="id"
        loading={resolutions.isLoading}
        dataSource={[...(resolutions.data?.items ?? [])].sort(
          (a, b) => Number(b.status === "overdue") - Number(a.status === "overdue"),
        )}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (resolution) => (
            <Space direction="vertical" style={{ width: "100%" }}>
              {resolution.actions.map((action) => (
                <ActionRow key={action.id} action={action} manages={manages} />
              ))}
              {manages && resolution.status !== "done" && <NewAction resolution={resolution} />}
            </Space>
          ),
        }}
        columns={[
          { title: t("deliberation.resolution.title"), dataIndex: "title" },
          { title: t("deliberation.resolution.meeting"), dataIndex: "meetingTitle" },
          { title: t("deliberation.meeting.compound"), render: (_, row) => row.compoundName ?? "—" },
          { title: t("deliberation.resolution.adoptedOn"), dataIndex: "adoptedOn", width: 110 },
          {
            title: t("deliberation.resolution.actions"),
            width: 110,
            render: (_, row) => `${row.actions.filter((action) => action.status === "done").length}/${row.actions.length}`,
          },
          {
            title: t("deliberation.meeting.status"),
            width: 100,
            render: (_, row) => <Tag color={statusColour[row.status]}>{t(`deliberation.actionStatuses.${row.status}`)}</Tag>,
          },
        ]}
      />
    </>
  );
}
