import {
  type Locale,
  type MoveServiceRequest,
  type ServiceNeed,
  type ServiceRequest,
  type ServiceRequestList,
  type ServiceRequestListQuery,
  serviceRequestMoves,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { AccountService } from "../identity/account.service.js";
import { ServiceRequestRepository, type ServiceRequestRow } from "./service-request.repository.js";
import { serviceRequestsWorkbook } from "./service-request-export.js";
import { authorizeServices } from "./services.policy.js";

export interface ServiceRequestDependencies {
  db: Database;
  audit: AuditService;
  accounts: AccountService;
  now: () => Date;
}

/** Where a visit raised its needs: the household, as the visit service placed it. */
export interface NeedSite {
  visitId: string;
  householdId: string;
  residentId: string | null;
  regionCode: string;
  gridCode: string | null;
  address: string;
}

const listLimit = 500;

/**
 * Service requests (服务需求): a household's need for a social service, raised on a door-to-door
 * visit, taken up by a social worker or the community staff and closed when met or declined.
 */
export class ServiceRequestService {
  constructor(private readonly deps: ServiceRequestDependencies) {}

  /** Inside the visit's transaction: one open request per need, at the household; returns their ids. */
  async openFromVisit(
    tx: Database,
    actor: Actor,
    site: NeedSite,
    needs: ServiceNeed[],
    context: RequestContext,
  ): Promise<string[]> {
    const now = this.deps.now();
    const rows = needs.map((need) => ({
      id: uuidv7(),
      regionCode: site.regionCode,
      gridCode: site.gridCode,
      householdId: site.householdId,
      residentId: site.residentId,
      visitId: site.visitId,
      kind: need.kind,
      description: need.description,
      address: site.address,
      status: "open",
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    }));
    await new ServiceRequestRepository(tx).insert(rows);
    for (const row of rows)
      await this.deps.audit.record(tx, succeeded(actor, context, "services.requested", { type: "service_request", id: row.id }));
    return rows.map((row) => row.id);
  }

  async list(actor: Actor, query: ServiceRequestListQuery): Promise<ServiceRequestList> {
    authorizeServices(actor, "services.read");
    const rows = await new ServiceRequestRepository(this.deps.db).list(actor.scope, query, listLimit);
    return { items: await this.present(rows) };
  }

  async get(actor: Actor, id: string): Promise<ServiceRequest> {
    authorizeServices(actor, "services.read");
    const row = await new ServiceRequestRepository(this.deps.db).findInScope(id, actor.scope);
    if (!row) throw notFound();
    const [request] = await this.present([row]);
    if (!request) throw notFound();
    return request;
  }

  /** Takes a request up, closes it as done, or declines it with the reason; 409 names the moves it allows. */
  async move(actor: Actor, id: string, input: MoveServiceRequest, context: RequestContext): Promise<ServiceRequest> {
    authorizeServices(actor, "services.handle");
    await this.deps.db.transaction(async (tx) => {
      const repository = new ServiceRequestRepository(tx);
      const row = await repository.lockInScope(id, actor.scope);
      if (!row) throw notFound();
      if (row.version !== input.version)
        throw new AppError("conflict", 409, [{ in: "body", field: "version", code: "stale_version" }]);
      const allowed = serviceRequestMoves[row.status as keyof typeof serviceRequestMoves] ?? [];
      if (!allowed.includes(input.status))
        throw new AppError(
          "transition_not_allowed",
          409,
          [{ in: "body", field: "status", code: "not_allowed", params: { transition: input.status } }],
          { allowed: [...allowed] },
        );
      await repository.move(id, {
        status: input.status,
        note: input.note,
        handlerUserId: actor.userId,
        updatedAt: this.deps.now(),
      });
      await this.deps.audit.record(tx, succeeded(actor, context, `services.${input.status}`, { type: "service_request", id }));
    });
    return this.get(actor, id);
  }

  async export(actor: Actor, query: ServiceRequestListQuery, locale: Locale): Promise<Buffer> {
    return serviceRequestsWorkbook((await this.list(actor, query)).items, locale);
  }

  private async present(rows: ServiceRequestRow[]): Promise<ServiceRequest[]> {
    const names = await this.deps.accounts.displayNamesOf(rows.flatMap((row) => (row.handlerUserId ? [row.handlerUserId] : [])));
    return rows.map((row) => ({
      id: row.id,
      regionCode: row.regionCode,
      gridCode: row.gridCode,
      householdId: row.householdId,
      address: row.address,
      residentId: row.residentId,
      visitId: row.visitId,
      kind: row.kind as ServiceRequest["kind"],
      description: row.description,
      status: row.status as ServiceRequest["status"],
      handlerName: row.handlerUserId ? (names.get(row.handlerUserId) ?? null) : null,
      note: row.note,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    }));
  }
}
