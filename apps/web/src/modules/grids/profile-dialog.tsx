import { type CompoundDetail, type CompoundProfileInput, propertyManagementKinds } from "@linli/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Checkbox, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";

const facts = ["guards", "watch24h", "fence", "gate", "smartAccess", "cameras", "ownersCommittee"] as const;
type Fact = (typeof facts)[number];
type Values = Omit<CompoundProfileInput, Fact> & { facts?: Fact[] };
const fields = ["effectiveFrom", "propertyManagement", "propertyCompany", "contractFrom", "contractTo", "decisionRef", "note"];
const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Records the compound's "三化" profile from a date on: a new entry in its history, earlier ones stay. */
export function ProfileDialog({ compound, onClose }: { compound: CompoundDetail | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [shownOnFields, setShownOnFields] = useState(false);
  const management = Form.useWatch("propertyManagement", form);
  const record = useMutation({
    mutationFn: (input: CompoundProfileInput) =>
      api<CompoundDetail>(`/api/compounds/${compound?.id}/profile`, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const submit = ({ facts: present = [], ...values }: Values) =>
    record.mutate(
      {
        ...values,
        propertyCompany: values.propertyManagement === "property_company" ? blankToUndefined(values.propertyCompany) : undefined,
        contractFrom: blankToUndefined(values.contractFrom),
        contractTo: blankToUndefined(values.contractTo),
        decisionRef: blankToUndefined(values.decisionRef),
        note: blankToUndefined(values.note),
        ...Object.fromEntries(facts.map((fact) => [fact, present.includes(fact)])),
      } as CompoundProfileInput,
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: (error) => setShownOnFields(applyFieldErrors(form, error, fields)),
      },
    );
  const current = compound?.profile;
  return (
    <Modal
      open={compound !== null}
      title={t("profile.title", { name: compound?.name ?? "" })}
      okText={t("users.save")}
      cancelText={t("users.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      {record.isError && !shownOnFields && (
        <Alert type="error" showIcon title={errorMessage(record.error)} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{
          propertyManagement: current?.propertyManagement ?? "none",
          propertyCompany: current?.propertyCompany ?? undefined,
          contractFrom: current?.contractFrom ?? undefined,
          contractTo: current?.contractTo ?? undefined,
          facts: current ? facts.filter((fact) => current[fact]) : [],
        }}
      >
        <Form.Item
          name="effectiveFrom"
          label={t("profile.effectiveFrom")}
          rules={[{ required: true }]}
          extra={t("profile.dateHint")}
        >
          <Input placeholder="2026-11-29" autoComplete="off" />
        </Form.Item>
        <Form.Item name="propertyManagement" label={t("profile.management")}>
          <Select options={propertyManagementKinds.map((kind) => ({ value: kind, label: t(`compounds.management.${kind}`) }))} />
        </Form.Item>
        {management === "property_company" && (
          <>
            <Form.Item name="propertyCompany" label={t("profile.company")} rules={[{ required: true }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="contractFrom" label={t("profile.contractFrom")}>
              <Input placeholder="2026-01-01" autoComplete="off" />
            </Form.Item>
            <Form.Item name="contractTo" label={t("profile.contractTo")}>
              <Input placeholder="2028-12-31" autoComplete="off" />
            </Form.Item>
          </>
        )}
        <Form.Item name="facts" label={t("profile.facts")}>
          <Checkbox.Group options={facts.map((fact) => ({ value: fact, label: t(`compounds.facts.${fact}`) }))} />
        </Form.Item>
        <Form.Item name="decisionRef" label={t("profile.decision")} extra={t("profile.decisionHint")}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="note" label={t("profile.note")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
