import { healthSchema, type Readiness, readinessSchema } from "@linli/contracts";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { DatabaseHandle } from "../../db/client.js";
import { appliedMigrationCount, expectedMigrationCount } from "../../db/migrate.js";

/** Liveness (/healthz) and readiness (/readyz) for process managers and load balancers. */
export function healthRoutes(database: DatabaseHandle) {
  const expected = expectedMigrationCount();
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get(
      "/healthz",
      {
        config: { access: "public" },
        schema: { tags: ["operations"], summary: "The process is up", response: { 200: healthSchema } },
      },
      async () => ({ status: "ok" as const }),
    );
    app.get(
      "/readyz",
      {
        config: { access: "public" },
        schema: {
          tags: ["operations"],
          summary: "The database is reachable and every migration is applied",
          response: { 200: readinessSchema, 503: readinessSchema },
        },
      },
      async (_request, reply) => {
        const readiness = await checkReadiness(database, expected);
        return reply.status(readiness.status === "ready" ? 200 : 503).send(readiness);
      },
    );
  };
}

async function checkReadiness(database: DatabaseHandle, expected: number): Promise<Readiness> {
  let reachable = false;
  let applied = 0;
  try {
    await database.db.execute(sql`select 1`);
    reachable = true;
    applied = await appliedMigrationCount(database.db);
  } catch {
    // reported as not ready below
  }
  return {
    status: reachable && applied >= expected ? "ready" : "not_ready",
    database: { engine: database.engine, reachable, migrationsApplied: applied, migrationsExpected: expected },
  };
}
