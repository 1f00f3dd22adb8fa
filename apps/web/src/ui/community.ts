import type { CurrentUser } from "@linli/contracts";

/** The community a user works in: their one community, or the community of their grid. */
export const communityOf = (user: CurrentUser): string | undefined =>
  user.scope.regions.find((code) => code.length === 12) ?? user.scope.grids[0]?.slice(0, 12);
