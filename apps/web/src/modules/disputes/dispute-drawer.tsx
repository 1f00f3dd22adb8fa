import { type DisputeOutcome, disputeOutcomes } from "@linli/contracts";
import { Alert, Button, Descriptions, Form, Input, Select, Space, Spin, Tag, Timeline } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { todayInChina } from "../../ui/format";
import { useAddSession, useCloseDispute, useDispute } from "./disputes-api";

/** A dispute: its parties and mediators, the sessions so far, and the forms to add one or to close it. */
export function DisputeDetail({ id, records }: { id: string; records: boolean }) {
  const { t } = useTranslation();
  const dispute = useDispute(id);
  const addSession = useAddSession(id);
  const close = useCloseDispute(id);
  const [sessionForm] = Form.useForm();
  const [closeForm] = Form.useForm();
  const outcome = Form.useWatch("outcome", closeForm) as DisputeOutcome | undefined;
  if (dispute.isLoading) return <Spin />;
  if (dispute.isError || !dispute.data) return <Alert type="error" showIcon title={errorMessage(dispute.error)} />;
  const item = dispute.data;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="dispute-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("disputes.fields.kind")}>{t(`disputes.kinds.${item.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t("disputes.fields.summary")}>{item.summary}</Descriptions.Item>
        <Descriptions.Item label={t("disputes.fields.parties")}>
          {item.parties.map((party) => `${party.name}（${t(`disputes.sides.${party.side}`)}）`).join("、")}
        </Descriptions.Item>
        <Descriptions.Item label={t("disputes.fields.mediatorNames")}>{item.mediators.join("、")}</Descriptions.Item>
        <Descriptions.Item label={t("disputes.fields.reportedOn")}>{item.reportedOn}</Descriptions.Item>
        <Descriptions.Item label={t("disputes.fields.outcome")}>
          {item.outcome ? (
            <Tag color="green">{t(`disputes.outcomes.${item.outcome}`)}</Tag>
          ) : (
            <Tag color="blue">{t("disputes.statuses.open")}</Tag>
          )}
          {item.resolution}
          {item.followUpOn && ` · ${t("disputes.fields.followUpOn")} ${item.followUpOn}`}
        </Descriptions.Item>
      </Descriptions>
      <Timeline
        items={item.sessions.map((session) => ({
          children: (
            <div>
              <strong>{session.heldOn}</strong> {session.recordedBy}
              <div>{session.notes}</div>
            </div>
          ),
        }))}
      />
      {records && item.status === "open" && (
        <>
          <Form
            form={sessionForm}
            layout="vertical"
            initialValues={{ heldOn: todayInChina() }}
            onFinish={(values) => addSession.mutate(values, { onSuccess: () => sessionForm.resetFields(["notes"]) })}
          >
            <Form.Item name="heldOn" label={t("disputes.fields.heldOn")} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="notes" label={t("disputes.fields.notes")} rules={[{ required: true, max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            {addSession.isError && <Alert type="error" showIcon title={errorMessage(addSession.error)} />}
            <Button htmlType="submit" loading={addSession.isPending}>
              {t("disputes.addSession")}
            </Button>
          </Form>
          <Form
            form={closeForm}
            layout="vertical"
            onFinish={({ outcome: chosen, resolution, followUpOn }) =>
              close.mutate({
                version: item.version,
                outcome: chosen,
                resolution: resolution ?? "",
                ...(followUpOn ? { followUpOn } : {}),
              })
            }
          >
            <Form.Item name="outcome" label={t("disputes.fields.outcome")} rules={[{ required: true }]}>
              <Select options={disputeOutcomes.map((value) => ({ value, label: t(`disputes.outcomes.${value}`) }))} />
            </Form.Item>
            <Form.Item name="resolution" label={t("disputes.fields.resolution")}>
              <Input.TextArea autoSize={{ minRows: 1 }} />
            </Form.Item>
            <Form.Item name="followUpOn" label={t("disputes.fields.followUpOn")} rules={[{ required: outcome === "agreement" }]}>
              <Input type="date" />
            </Form.Item>
            {close.isError && <Alert type="error" showIcon title={errorMessage(close.error)} />}
            <Button type="primary" htmlType="submit" loading={close.isPending}>
              {t("disputes.close")}
            </Button>
          </Form>
        </>
      )}
    </Space>
  );
}
