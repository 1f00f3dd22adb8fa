export * from "./audit.js";
export * from "./auth.js";
export * from "./health.js";
export * from "./locale.js";
export * from "./pagination.js";
export * from "./permissions.js";
export * from "./problem.js";
export * from "./users.js";
