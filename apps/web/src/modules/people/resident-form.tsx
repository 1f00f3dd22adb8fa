import { type CreateResidentRequest, genders, politicalStatuses, registrations, relations, residentTags } from "@linli/contracts";
import { Alert, Button, Checkbox, DatePicker, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { applyFieldErrors } from "../../api/form-errors";
import { useDwellingChoices, useRegisterResident, useResidents } from "./people-api";

type Values = Omit<CreateResidentRequest, "birthDate" | "householdId"> & {
  birthDate?: Dayjs;
  household?: string;
};

const fields = [
  "name",
  "idNumber",
  "gender",
  "birthDate",
  "phone",
  "ethnicity",
  "registration",
  "homeRegionCode",
  "politicalStatus",
  "relation",
  "tags",
  "dwellingId",
  "household",
];

/**
 * Registering a resident: where they live (compound, dwelling, household), who they are. Laid out
 * in one column, so it works on a 360-px phone at the door. With `direct`, it is written at once;
 * otherwise it is a collection submission for the grid leader.
 */
export function ResidentForm({
  direct,
  onDone,
  onOpenExisting,
}: {
  direct: boolean;
  onDone: () => void;
  onOpenExisting?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const dwellingId = Form.useWatch("dwellingId", form);
  const household = Form.useWatch("household", form);
  const idNumber = Form.useWatch("idNumber", form);
  const registration = Form.useWatch("registration", form);
  const dwellings = useDwellingChoices();
  const living = useResidents({ dwellingId }, Boolean(dwellingId));
  const register = useRegisterResident(direct);
  const [existing, setExisting] = useState<string | null>(null);

  const households = new Map<string, string>();
  for (const resident of living.data?.pages.flatMap((page) => page.items) ?? [])
    if (resident.householdId && (resident.relation === "head" || !households.has(resident.householdId)))
      households.set(resident.householdId, resident.relation === "head" ? resident.name : t("people.noHead"));

  const submit = (values: Values) => {
    setExisting(null);
    const { household: chosen, birthDate, ...rest } = values;
    const input: CreateResidentRequest = {
      ...rest,
      idNumber: rest.idNumber || undefined,
      phone: rest.phone || undefined,
      ethnicity: rest.ethnicity || undefined,
      homeRegionCode: rest.homeRegionCode || undefined,
      birthDate: birthDate?.format("YYYY-MM-DD"),
      householdId: chosen && chosen !== "new" ? chosen : undefined,
      relation: chosen && chosen !== "new" ? rest.relation : "head",
      tags: rest.tags ?? [],
    };
    register.mutate(input, {
      onSuccess: () => {
        form.resetFields(["name", "idNumber", "phone", "gender", "birthDate", "tags"]);
        onDone();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.problem?.existing) setExisting(error.problem.existing.id);
        applyFieldErrors(form, error, fields, (field) => (field === "householdId" ? "household" : field));
      },
    });
  };

  const options = <T extends string>(values: readonly T[], group: string) =>
    values.map((value) => ({ value, label: t(`people.${group}.${value}`) }));

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ registration: "local", relation: "head", household: "new", livingStatus: "present", tags: [] }}
      style={{ maxWidth: 560 }}
    >
      <Form.Item name="dwellingId" label={t("collection.pickDwelling")} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={dwellings.isLoading}
          placeholder={t("collection.dwellingHint")}
          options={dwellings.data?.items.map((dwelling) => ({ value: dwelling.dwellingId, label: dwelling.address }))}
          onChange={() => form.setFieldsValue({ household: "new" })}
        />
      </Form.Item>
      <Form.Item name="household" label={t("people.household")}>
        <Select
          options={[
            { value: "new", label: t("people.newHousehold") },
            ...[...households].map(([id, head]) => ({ value: id, label: t("people.joinHousehold", { head }) })),
          ]}
        />
      </Form.Item>
      {household && household !== "new" && (
        <Form.Item name="relation" label={t("people.relation")}>
          <Select options={options(relations, "relations")} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t("people.name")} rules={[{ required: true, whitespace: true }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="idNumber" label={t("people.idNumber")}>
        <Input autoComplete="off" inputMode="text" maxLength={20} />
      </Form.Item>
      {!idNumber && (
        <>
          <Form.Item name="gender" label={t("people.gender")}>
            <Select allowClear options={options(genders, "genders")} />
          </Form.Item>
          <Form.Item name="birthDate" label={t("people.birthDate")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </>
      )}
      <Form.Item name="phone" label={t("people.phone")}>
        <Input autoComplete="off" inputMode="tel" maxLength={16} />
      </Form.Item>
      <Form.Item name="ethnicity" label={t("people.ethnicity")}>
        <Input autoComplete="off" placeholder="汉族" />
      </Form.Item>
      <Form.Item name="registration" label={t("people.registration")}>
        <Select options={options(registrations, "registrations")} />
      </Form.Item>
      {registration === "migrant" && (
        <Form.Item name="homeRegionCode" label={t("people.homeRegionCode")}>
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
      )}
      <Form.Item name="politicalStatus" label={t("people.politicalStatus")}>
        <Select allowClear options={options(politicalStatuses, "politicalStatuses")} />
      </Form.Item>
      <Form.Item name="tags" label={t("people.tags")}>
        <Checkbox.Group options={options(residentTags, "tagNames")} />
      </Form.Item>
      {existing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              {t("people.existing")}
              {onOpenExisting && (
                <Button type="link" size="small" onClick={() => onOpenExisting(existing)}>
                  {t("people.openExisting")}
                </Button>
              )}
            </>
          }
        />
      )}
      {register.isError && !(register.error instanceof ApiError && register.error.problem?.errors?.length) && (
        <Alert type="error" showIcon title={errorMessage(register.error)} style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" htmlType="submit" block loading={register.isPending}>
        {direct ? t("people.save") : t("people.submit")}
      </Button>
    </Form>
  );
}
