import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";

/** Who may read or change compounds and grids; which ones is the scope's business (the repository's filter). */
export function authorizeGrids(actor: Actor, action: "read" | "manage"): void {
  const needed = action === "read" ? "grids.read" : "grids.manage";
  if (!actor.permissions.includes(needed)) throw new AppError("forbidden", 403);
}
