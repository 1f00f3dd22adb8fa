import { type RecordVisit, serviceKinds, type Visit, type VisitTask } from "@linli/contracts";
import { Alert, Button, Cascader, Form, Input, Result, Select, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { currentPoint } from "../../ui/geolocation";
import { useCategories } from "../cases/cases-api";
import { categoryOptions } from "../cases/report-form";
import { useRecordVisit } from "./visits-api";

type Values = {
  metWith?: string;
  findings?: string;
  registerNote?: string;
  raiseNeed?: boolean;
  withLocation?: boolean;
  needCategory?: string[];
  needDescription?: string;
  raiseService?: boolean;
  serviceKind?: RecordVisit["serviceNeeds"][number]["kind"];
  serviceDescription?: string;
};

const fields = ["metWith", "findings", "registerNote", "visitedAt", "householdId", "taskId"];
const needFields: Record<string, string> = {
  "needs.0.categoryCode": "needCategory",
  "needs.0.description": "needDescription",
  "serviceNeeds.0.kind": "serviceKind",
  "serviceNeeds.0.description": "serviceDescription",
};
const needField = (field: string) => needFields[field] ?? field;

/**
 * Recording a visit (入户走访) on the phone: whom the visitor met, what they found, a note on a
 * register person for a register task, a need that becomes a case and one for a social service
 * that becomes a service request (服务需求), in the same step. One column, so it fits 360 px.
 */
export function VisitForm({ task, onDone }: { task: VisitTask; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const raiseNeed = Form.useWatch("raiseNeed", form);
  const raiseService = Form.useWatch("raiseService", form);
  const categories = useCategories();
  const record = useRecordVisit();
  const [done, setDone] = useState<Visit | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setFailure(null);
    // Where the visit happened, when the visitor lets the phone tell.
    const point = values.withLocation ? await currentPoint() : null;
    if (values.withLocation && !point) {
      setFailure(t("visits.noLocation"));
      return;
    }
    const body: RecordVisit = {
      ...(point ? { longitude: point.longitude, latitude: point.latitude } : {}),
      householdId: task.householdId,
      taskId: task.id,
      visitedAt: new Date().toISOString(),
      metWith: values.metWith ?? "",
      findings: values.findings ?? "",
      ...(values.registerNote ? { registerNote: values.registerNote } : {}),
      needs:
        values.raiseNeed && values.needCategory?.[1]
          ? [{ categoryCode: values.needCategory[1], description: values.needDescription ?? "" }]
          : [],
      serviceNeeds:
        values.raiseService && values.serviceKind
          ? [{ kind: values.serviceKind, description: values.serviceDescription ?? "" }]
          : [],
    };
    record.mutate(body, {
      onSuccess: setDone,
      onError: (error) => {
        const shown = applyFieldErrors(form, error, [...fields, ...Object.values(needFields)], needField);
        if (!shown) setFailure(errorMessage(error));
      },
    });
  };

  if (done)
    return (
      <Result
        status="success"
        title={t("visits.recorded")}
        subTitle={[
          done.caseIds.length > 0 ? t("visits.needRaised", { count: done.caseIds.length }) : "",
          done.serviceRequestIds.length > 0 ? t("visits.serviceRaised", { count: done.serviceRequestIds.length }) : "",
        ]
          .filter(Boolean)
          .join(" ")}
        extra={<Button onClick={onDone}>{t("visits.back")}</Button>}
      />
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 480 }} data-testid="visit-form">
      <p>
        <strong>{task.address || task.ruleName}</strong>
        <br />
        {task.ruleName}
      </p>
      <Form.Item name="metWith" label={t("visits.fields.metWith")} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="findings" label={t("visits.fields.findings")}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {task.target === "register" && (
        <Form.Item name="registerNote" label={t("visits.fields.registerNote")} extra={t("visits.registerNoteHint")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
      <Form.Item name="withLocation" label={t("visits.fields.withLocation")} valuePropName="checked">
        <Switch data-testid="visit-with-location" />
      </Form.Item>
      <Form.Item name="raiseNeed" label={t("visits.fields.raiseNeed")} valuePropName="checked">
        <Switch data-testid="visit-raise-need" />
      </Form.Item>
      {raiseNeed && (
        <>
          <Form.Item name="needCategory" label={t("cases.fields.category")} rules={[{ required: true }]}>
            <Cascader
              options={categoryOptions(categories.data?.items ?? [], i18n.language === "en")}
              placeholder={t("cases.report.pickCategory")}
              showSearch
              data-testid="visit-need-category"
            />
          </Form.Item>
          <Form.Item name="needDescription" label={t("visits.fields.needDescription")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </>
      )}
      <Form.Item name="raiseService" label={t("visits.fields.raiseService")} valuePropName="checked">
        <Switch data-testid="visit-raise-service" />
      </Form.Item>
      {raiseService && (
        <>
          <Form.Item name="serviceKind" label={t("services.fields.kind")} rules={[{ required: true }]}>
            <Select
              data-testid="visit-service-kind"
              options={serviceKinds.map((kind) => ({ value: kind, label: t(`services.kinds.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="serviceDescription" label={t("services.fields.description")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={record.isPending} block>
        {t("visits.save")}
      </Button>
    </Form>
  );
}
