import { AppError } from "../../platform/errors/app-error.js";

export type IdentityErrorCode =
  | "invalid_credentials"
  | "account_locked"
  | "two_factor_required"
  | "two_factor_invalid"
  | "unauthenticated"
  | "forbidden";

function statusOf(code: IdentityErrorCode): number {
  switch (code) {
    case "invalid_credentials":
    case "account_locked":
    case "two_factor_required":
    case "two_factor_invalid":
    case "unauthenticated":
      return 401;
    case "forbidden":
      return 403;
  }
}

/** Errors of sign-in, sessions and accounts. */
export class IdentityError extends AppError {
  constructor(code: IdentityErrorCode) {
    super(code, statusOf(code));
  }
}
