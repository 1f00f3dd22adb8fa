import { createHash, randomBytes } from "node:crypto";
import type { CreateOpen311ClientRequest, IssuedOpen311Client, Open311Client } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { contains } from "../../platform/scope/scope.js";
import { authorizeCases } from "../cases/cases.policy.js";
import { Open311ClientRepository, type Open311ClientRow } from "./open311-client.repository.js";

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

function toClient(row: Open311ClientRow): Open311Client {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    regions: row.regionScopes,
    ratePerMinute: row.ratePerMinute,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** An authenticated Open311 client, as the GeoReport endpoints act for it. */
export interface Open311Caller {
  id: string;
  name: string;
  regions: readonly string[];
  ratePerMinute: number;
}

/** Open311 API clients: issued by administrators, each with a key, a region scope and a rate limit. */
export class Open311ClientService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<{ items: Open311Client[] }> {
    authorizeCases(actor, "open311.clients.manage");
    return { items: (await new Open311ClientRepository(this.db).all()).map(toClient) };
  }

  /** Issues a client and its key (returned once); its regions must lie inside the issuer's scope. */
  async create(actor: Actor, input: CreateOpen311ClientRequest, context: RequestContext): Promise<IssuedOpen311Client> {
    authorizeCases(actor, "open311.clients.manage");
    if (!contains(actor.scope, { regions: input.regions, grids: [] }))
      throw new AppError("validation_failed", 400, [{ in: "body", field: "regions", code: "outside_scope" }]);
    const apiKey = `o311_${randomBytes(24).toString("base64url")}`;
    const row = await this.db.transaction(async (tx) => {
      const created = await new Open311ClientRepository(tx).insert({
        id: uuidv7(),
        name: input.name,
        keyHash: hashOf(apiKey),
        keyPrefix: apiKey.slice(0, 9),
        regionScopes: input.regions,
        ratePerMinute: input.ratePerMinute,
        createdBy: actor.userId,
      });
      await this.audit.record(
        tx,
        succeeded(actor, context, "open311.client_created", { type: "open311_client", id: created.id }),
      );
      return created;
    });
    return { client: toClient(row), apiKey };
  }

  async revoke(actor: Actor, id: string, context: RequestContext): Promise<Open311Client> {
    authorizeCases(actor, "open311.clients.manage");
    const row = await this.db.transaction(async (tx) => {
      const repository = new Open311ClientRepository(tx);
      if (!(await repository.find(id))) throw notFound();
      const revoked = await repository.revoke(id);
      await this.audit.record(tx, succeeded(actor, context, "open311.client_revoked", { type: "open311_client", id }));
      return revoked;
    });
    return toClient(row);
  }

  /** The active client holding this key, or undefined. */
  async authenticate(apiKey: string): Promise<Open311Caller | undefined> {
    const row = await new Open311ClientRepository(this.db).activeByKeyHash(hashOf(apiKey));
    return row && { id: row.id, name: row.name, regions: row.regionScopes, ratePerMinute: row.ratePerMinute };
  }
}
