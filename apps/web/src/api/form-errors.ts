import type { FormInstance } from "antd";
import { ApiError } from "./client";

/**
 * Shows the server's per-field errors beside the form's own fields. Returns true when every
 * error found a field, so the caller need not show a general message as well.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  /** The form field that shows a server field's error, when their names differ (e.g. `scope.grids.0` → `grids`). */
  fieldOf: (serverField: string) => string = (field) => field,
): boolean {
  if (!(error instanceof ApiError) || !error.problem?.errors?.length) return false;
  const matched = error.problem.errors
    .map((e) => ({ name: fieldOf(e.field), message: e.message }))
    .filter((e) => fields.includes(e.name));
  form.setFields(matched.map((e) => ({ name: e.name, errors: [e.message] })));
  return matched.length === error.problem.errors.length;
}
