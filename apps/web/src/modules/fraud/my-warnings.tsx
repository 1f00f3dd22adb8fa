import { type FraudWarning, type FraudWarningOutcome, fraudWarningOutcomes } from "@linli/contracts";
import { Alert, App, Button, Card, Empty, Input, List, Radio, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useRecordOutcome, useWarnings } from "./fraud-api";

export const statusColours = {
  open: "blue",
  overdue: "red",
  dissuaded: "green",
  warned: "cyan",
  not_reached: "orange",
} as const;

/** One warning on the phone: who, why, by when, and the outcome buttons. */
function WarningCard({ warning }: { warning: FraudWarning }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordOutcome();
  const [outcome, setOutcome] = useState<FraudWarningOutcome>("dissuaded");
  const [note, setNote] = useState("");
  const open = warning.status === "open" || warning.status === "overdue" || warning.status === "not_reached";
  return (
    <Card
      size="small"
      style={{ width: "100%" }}
      data-testid="fraud-warning"
      title={warning.name}
      extra={<Tag color={statusColours[warning.status]}>{t(`fraud.statuses.${warning.status}`)}</Tag>}
    >
      <div>{warning.address || "—"}</div>
      <div>{warning.reason}</div>
      <div>{t("visits.due", { date: warning.deadline })}</div>
      {warning.note && <div>{warning.note}</div>}
      {open && (
        <Space direction="vertical" style={{ width: "100%", marginTop: 8 }}>
          <Radio.Group
            value={outcome}
            onChange={(event) => setOutcome(event.target.value)}
            options={fraudWarningOutcomes.map((value) => ({ value, label: t(`fraud.outcomes.${value}`) }))}
          />
          <Input.TextArea
            aria-label={t("fraud.warning.note")}
            placeholder={t("fraud.warning.notePlaceholder")}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            autoSize={{ minRows: 1, maxRows: 4 }}
          />
          {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
          <Button
            type="primary"
            block
            loading={record.isPending}
            onClick={() =>
              record.mutate(
                { id: warning.id, body: { outcome, note } },
                { onSuccess: () => void message.success(t("fraud.warning.recorded")) },
              )
            }
          >
            {t("fraud.warning.record")}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** The grid member's anti-fraud warnings to deliver door to door, open ones first. */
export function MyFraudWarnings() {
  const { t } = useTranslation();
  const warnings = useWarnings();
  if (warnings.isError) return <Alert type="error" showIcon title={errorMessage(warnings.error)} />;
  return (
    <List<FraudWarning>
      loading={warnings.isLoading}
      dataSource={warnings.data?.items ?? []}
      pagination={{ pageSize: 20, size: "small", hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t("fraud.warning.none")} /> }}
      renderItem={(warning) => (
        <List.Item>
          <WarningCard warning={warning} />
        </List.Item>
      )}
    />
  );
}
