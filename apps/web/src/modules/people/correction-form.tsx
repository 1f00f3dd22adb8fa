import {
  type CorrectResidentRequest,
  politicalStatuses,
  type Resident,
  type ResidentDetail,
  relations,
  residentTags,
  type Submission,
} from "@linli/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Checkbox, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, api, errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";

type Values = {
  name: string;
  idNumber?: string;
  phone?: string;
  ethnicity?: string;
  politicalStatus?: string | null;
  relation?: string | null;
  livingStatus: "present" | "away";
  tags: string[];
};

const fields = ["name", "idNumber", "phone", "ethnicity", "politicalStatus", "relation", "livingStatus", "tags", "version"];

/**
 * Correcting a resident: only what changed is sent, with the version it was made against. For
 * `people.manage` it applies at once; a grid member's waits for the grid leader. ID and phone are
 * shown masked, so they are typed anew only when they change.
 */
export function CorrectionForm({ resident, direct, onDone }: { resident: ResidentDetail; direct: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useMutation<Resident | Submission, Error, CorrectResidentRequest>({
    mutationFn: (changes) =>
      direct
        ? api<Resident>(`/api/residents/${resident.id}`, { method: "PATCH", body: changes })
        : api<Submission>("/api/collection/submissions", {
            method: "POST",
            body: { kind: "correct", residentId: resident.id, changes },
          }),
    onSuccess: () => {
      onDone();
      return queryClient.invalidateQueries();
    },
    onError: (error) => applyFieldErrors(form, error, fields, (field) => field.replace(/^changes\./, "")),
  });
  const submit = (values: Values) => {
    const changes: CorrectResidentRequest = { version: resident.version };
    if (values.name !== resident.name) changes.name = values.name;
    if (values.idNumber) changes.idNumber = values.idNumber;
    if (values.phone) changes.phone = values.phone;
    if ((values.ethnicity || null) !== resident.ethnicity) changes.ethnicity = values.ethnicity || null;
    if ((values.politicalStatus ?? null) !== resident.politicalStatus)
      changes.politicalStatus = (values.politicalStatus ?? null) as CorrectResidentRequest["politicalStatus"];
    if (values.relation && values.relation !== resident.relation)
      changes.relation = values.relation as CorrectResidentRequest["relation"];
    if (values.livingStatus !== resident.livingStatus) changes.livingStatus = values.livingStatus;
    if ([...values.tags].sort().join() !== [...resident.tags].sort().join())
      changes.tags = values.tags as CorrectResidentRequest["tags"];
    save.mutate(changes);
  };
  const options = (values: readonly string[], group: string) =>
    values.map((value) => ({ value, label: t(`people.${group}.${value}`) }));
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        name: resident.name,
        ethnicity: resident.ethnicity ?? "",
        politicalStatus: resident.politicalStatus,
        relation: resident.relation,
        livingStatus: resident.livingStatus === "away" ? "away" : "present",
        tags: resident.tags,
      }}
    >
      <Form.Item name="name" label={t("people.name")} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="idNumber" label={t("people.idNumber")} extra={t("people.retypeHint")}>
        <Input placeholder={resident.idNumber ?? ""} autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={t("people.phone")} extra={t("people.retypeHint")}>
        <Input placeholder={resident.phone ?? ""} inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name="ethnicity" label={t("people.ethnicity")}>
        <Input />
      </Form.Item>
      <Form.Item name="politicalStatus" label={t("people.politicalStatus")}>
        <Select allowClear options={options(politicalStatuses, "politicalStatuses")} />
      </Form.Item>
      <Form.Item name="relation" label={t("people.relation")}>
        <Select options={options(relations, "relations")} />
      </Form.Item>
      <Form.Item name="livingStatus" label={t("people.livingStatus")}>
        <Select options={options(["present", "away"], "livingStatuses")} />
      </Form.Item>
      <Form.Item name="tags" label={t("people.tags")}>
        <Checkbox.Group options={options(residentTags, "tagNames")} />
      </Form.Item>
      {save.isError &&
        !(
          save.error instanceof ApiError &&
          save.error.problem?.errors?.every((e) => fields.includes(e.field.replace(/^changes\./, "")))
        ) && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block loading={save.isPending}>
        {direct ? t("people.save") : t("people.submit")}
      </Button>
    </Form>
  );
}
