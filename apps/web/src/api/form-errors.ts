import type { FormInstance } from "antd";
import { ApiError } from "./client";

/**
 * Shows the server's per-field errors beside the form's own fields. Returns true when every
 * error found a field, so the caller need not show a general message as well.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || !error.problem?.errors?.length) return false;
  const matched = error.problem.errors.filter((e) => fields.includes(e.field));
  form.setFields(matched.map((e) => ({ name: e.field, errors: [e.message] })));
  return matched.length === error.problem.errors.length;
}
