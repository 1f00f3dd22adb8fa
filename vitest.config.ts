import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const contracts = fileURLToPath(new URL("./packages/contracts/src/index.ts", import.meta.url));

/**
 * unit: pure code, beside it (`*.test.ts`).
 * db: services, repositories and the HTTP API against a real database (`*.db.test.ts`,
 * `*.api.test.ts`): PGlite in-process, or PostgreSQL when TEST_DATABASE_URL is set.
 * e2e has its own config (e2e/vitest.config.ts) because it needs the built app and Chromium.
 */
export default defineConfig({
  resolve: { alias: { "@linli/contracts": contracts } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.ts", "**/*.api.test.ts", "**/node_modules/**"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["apps/server/src/**/*.db.test.ts", "apps/server/src/**/*.api.test.ts"],
          globalSetup: ["apps/server/src/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Each file opens its own database (~1 s from a dump); two at a time suits 2 cores.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
