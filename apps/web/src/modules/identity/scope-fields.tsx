import { everywhere, gridCodeSchema, regionPrefixSchema, type Scope } from "@linli/contracts";
import { Form, Select, Tag } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** The form fields that hold a scope: `regions` and `grids`, flat so that errors sit beside them. */
export interface ScopeFormValues {
  regions?: string[];
  grids?: string[];
}

export const toScope = (values: ScopeFormValues): Scope => ({ regions: values.regions ?? [], grids: values.grids ?? [] });

/** Server errors on `scope`, `scope.regions.N` or `scope.grids.N` shown on the matching field. */
export const scopeFieldOf = (field: string) =>
  field.startsWith("scope.grids") ? "grids" : field.startsWith("scope") ? "regions" : field;

function codesRule(valid: (code: string) => boolean, message: string) {
  return {
    validator: (_: unknown, value?: string[]) =>
      (value ?? []).every(valid) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

/** Region prefixes and grid codes typed or pasted as tags (the region picker arrives with the regions module). */
export function ScopeFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="regions"
        label={t("scope.regions")}
        extra={t("scope.regionsHint")}
        rules={[codesRule((code) => regionPrefixSchema.safeParse(code).success, t("scope.badRegion"))]}
      >
        <Select mode="tags" tokenSeparators={[",", " ", "，"]} open={false} suffixIcon={null} aria-label={t("scope.regions")} />
      </Form.Item>
      <Form.Item
        name="grids"
        label={t("scope.grids")}
        extra={t("scope.gridsHint")}
        rules={[codesRule((code) => gridCodeSchema.safeParse(code).success, t("scope.badGrid"))]}
      >
        <Select mode="tags" tokenSeparators={[",", " ", "，"]} open={false} suffixIcon={null} aria-label={t("scope.grids")} />
      </Form.Item>
    </>
  );
}

export function scopeLabel(t: TFunction, code: string): string {
  return code === everywhere ? t("scope.everywhere") : code;
}

/** A scope as tags: regions in blue, grids in cyan; "none" when empty. */
export function ScopeTags({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  if (scope.regions.length + scope.grids.length === 0) return <Tag>{t("scope.none")}</Tag>;
  return (
    <>
      {scope.regions.map((code) => (
        <Tag key={`r${code}`} color="blue">
          {scopeLabel(t, code)}
        </Tag>
      ))}
      {scope.grids.map((code) => (
        <Tag key={`g${code}`} color="cyan">
          {t("scope.grid")} {code}
        </Tag>
      ))}
    </>
  );
}
