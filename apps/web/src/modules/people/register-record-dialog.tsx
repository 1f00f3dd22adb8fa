import { type RecordRegisterRequest, type Register, visitFrequencies } from "@linli/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../api/client";

/** Each register's own fields: a coded value (and, for some, a guardian or a date). */
const detailFields: Record<Register, { name: string; values?: string[]; kind?: "date" | "level" | "text" }[]> = {
  drug_rehabilitation: [{ name: "stage", values: ["community_detox", "community_rehabilitation", "maintenance"] }],
  community_correction: [{ name: "correctionKind", values: ["probation", "parole", "temporary_release", "control"] }],
  released_prisoner: [{ name: "releaseDate", kind: "date" }],
  severe_mental_disorder: [
    { name: "riskLevel", kind: "level" },
    { name: "guardian", kind: "text" },
  ],
  key_youth: [{ name: "category", values: ["out_of_school", "unemployed", "unsupervised", "other"] }],
  child_in_difficulty: [
    { name: "category", values: ["orphan", "de_facto_unattended", "disabled", "poverty", "other"] },
    { name: "guardian", kind: "text" },
  ],
  family_in_difficulty: [{ name: "category", values: ["subsistence", "extreme_poverty", "illness", "disability", "other"] }],
};

type Values = {
  register: Register;
  startDate: Dayjs;
  visitFrequency: RecordRegisterRequest["visitFrequency"];
  responsible: string;
  note?: string;
  details: Record<string, unknown>;
};

/** Records (or updates) a resident's entry on one of the registers the user may read and record. */
export function RegisterRecordDialog({
  residentId,
  registers,
  open,
  onClose,
}: {
  residentId: string;
  registers: Register[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const register = Form.useWatch("register", form) ?? registers[0];
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: ({ register: chosen, startDate, details, ...values }: Values) =>
      api(`/api/residents/${residentId}/registers/${chosen}`, {
        method: "PUT",
        body: {
          ...values,
          startDate: startDate.format("YYYY-MM-DD"),
          details: Object.fromEntries([
            ["register", chosen],
            ...Object.entries(details ?? {})
              .filter(([, value]) => value !== undefined && value !== "")
              .map(([key, value]) => [
                key,
                typeof value === "object" && value && "format" in value ? (value as Dayjs).format("YYYY-MM-DD") : value,
              ]),
          ]),
        },
      }),
    onSuccess: () => {
      onClose();
      return queryClient.invalidateQueries();
    },
  });
  return (
    <Modal
      title={t("registerForm.title")}
      open={open}
      onCancel={onClose}
      okText={t("people.save")}
      cancelText={t("people.cancel")}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ register: registers[0], visitFrequency: "monthly" }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="register" label={t("registerForm.register")}>
          <Select options={registers.map((value) => ({ value, label: t(`registerNames.${value}`) }))} />
        </Form.Item>
        <Form.Item name="startDate" label={t("registerForm.startDate")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="visitFrequency" label={t("registerForm.visitFrequency")}>
          <Select options={visitFrequencies.map((value) => ({ value, label: t(`registersPage.frequencies.${value}`) }))} />
        </Form.Item>
        <Form.Item name="responsible" label={t("registerForm.responsible")} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        {register &&
          detailFields[register].map((field) => (
            <Form.Item
              key={`${register}-${field.name}`}
              name={["details", field.name]}
              label={t(`registerForm.${field.name}`)}
              rules={field.kind === "text" ? [] : [{ required: true }]}
            >
              {field.values ? (
                <Select options={field.values.map((value) => ({ value, label: t(`registerForm.values.${value}`) }))} />
              ) : field.kind === "date" ? (
                <DatePicker style={{ width: "100%" }} />
              ) : field.kind === "level" ? (
                <InputNumber min={0} max={5} style={{ width: "100%" }} />
              ) : (
                <Input />
              )}
            </Form.Item>
          ))}
        <Form.Item name="note" label={t("registerForm.note")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} />}
    </Modal>
  );
}
