import { z } from "zod";

/** GB 11643-1999 weights of the first 17 digits, and the check character for each sum mod 11. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = "10X98765432";

/** The check character (0–9 or X) of the first 17 digits of a citizen ID number. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * (weights[index] ?? 0);
  return checkCharacters[sum % 11] ?? "";
}

export type IdNumberFacts = { regionCode: string; birthDate: string; gender: "male" | "female" };
export type IdNumberProblem = "id_length" | "id_format" | "id_birth_date" | "id_check_digit";

/**
 * Checks an 18-character citizen ID number (GB 11643): digits with a final digit or X, a real
 * birth date not in the future, the check character. On success, the facts it carries: the
 * six-digit region of registration, the birth date, the gender (odd sequence: male).
 */
export function checkIdNumber(
  value: string,
  today: string = new Date().toISOString().slice(0, 10),
): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  if (value.length !== 18) return { ok: false, problem: "id_length" };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: "id_format" };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const parsed = new Date(`${birthDate}T00:00:00Z`);
  if (
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== birthDate ||
    birthDate < "1900-01-01" ||
    birthDate > today
  )
    return { ok: false, problem: "id_birth_date" };
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: "id_check_digit" };
  return {
    ok: true,
    facts: { regionCode: value.slice(0, 6), birthDate, gender: Number(value[16]) % 2 === 1 ? "male" : "female" },
  };
}

/** A citizen ID number as typed: spaces dropped, a lower-case x raised; then checked (the region's existence is the server's). */
export const idNumberSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, "").toUpperCase())
  .superRefine((value, context) => {
    const result = checkIdNumber(value);
    if (!result.ok) context.addIssue({ code: "custom", message: result.problem, params: { code: result.problem } });
  })
  .describe("18-character citizen ID number (GB 11643), check character verified");

/** A mainland mobile number: 11 digits starting 13–19; spaces, dashes and a +86 prefix are dropped. */
export const mobileSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, "").replace(/^\+?86(?=1\d{10}$)/, ""))
  .refine((value) => /^1[3-9]\d{9}$/.test(value), { params: { code: "not_a_mobile" } })
  .describe("Mainland mobile number, 11 digits");
