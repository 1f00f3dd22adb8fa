import { z } from "zod";
import { permissions, roles } from "./permissions.js";
import { scopeSchema } from "./scope.js";

export const loginRequestSchema = z
  .strictObject({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    totpCode: z
      .string()
      .regex(/^\d{6}$/, "6 digits")
      .optional()
      .describe("The authenticator app's current code, when the account has a second factor"),
    recoveryCode: z
      .string()
      .trim()
      .regex(/^[a-z2-7]{5}-?[a-z2-7]{5}$/i, "a recovery code such as abcde-fghij")
      .optional()
      .describe("One of the account's one-time recovery codes, instead of a TOTP code"),
  })
  .meta({ id: "LoginRequest" });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** What every view of an account shows. */
export const accountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  scope: scopeSchema,
});

export const twoFactorStateSchema = z.object({
  enabled: z.boolean(),
  required: z.boolean().describe("The account's roles require a second factor (等保 level 3)"),
});

export const currentUserSchema = accountSchema
  .extend({
    permissions: z.array(z.enum(permissions)),
    mustChangePassword: z
      .boolean()
      .describe("An issued one-time password or an expired one: the session may only change it, or sign out"),
    twoFactor: twoFactorStateSchema.describe(
      "When required but not enabled, the session may only enrol a second factor, change its password or sign out",
    ),
  })
  .meta({ id: "CurrentUser" });
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** An authenticator secret offered for enrolment: show it as a QR code of `uri`, or type `secret`. */
export const twoFactorSetupSchema = z.object({ secret: z.string(), uri: z.string() }).meta({ id: "TwoFactorSetup" });
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;

export const twoFactorConfirmRequestSchema = z
  .strictObject({ code: z.string().regex(/^\d{6}$/, "6 digits") })
  .meta({ id: "TwoFactorConfirmRequest" });

/** One-time recovery codes: shown once, stored only as hashes. */
export const recoveryCodesSchema = z.object({ codes: z.array(z.string()) }).meta({ id: "RecoveryCodes" });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
