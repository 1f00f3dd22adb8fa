import type { CaseStatus, Category, ReportCaseRequest } from "@linli/contracts";
import { mobileSchema } from "@linli/contracts";
import type { CaseListRow } from "../cases/case.repository.js";
import type { CaseService } from "../cases/case.service.js";
import { openStatuses } from "../cases/case-state-machine.js";
import type { CategoryService } from "../cases/category.service.js";
import type { Open311Caller } from "./open311-client.service.js";
import { Open311Error } from "./open311-format.js";

const dayMs = 86_400_000;
/** GeoReport v2: a date range spans at most 90 days. */
export const maxRangeDays = 90;

/** A POST requests form, as form-encoded fields. */
export type RequestForm = Record<string, string | string[] | undefined>;

const text = (form: RequestForm, field: string) => {
  const value = form[field];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

/**
 * Open311 GeoReport v2 over the cases: sub-categories are services (their extra questions the
 * attributes), a case is a service request numbered by its case number, and its states map to
 * `open` and `closed`.
 */
export class Open311Service {
  constructor(
    private readonly cases: CaseService,
    private readonly categories: CategoryService,
  ) {}

  async services() {
    const all = (await this.categories.list()).items;
    const groups = new Map(all.filter((item) => item.parentCode === null).map((item) => [item.code, item]));
    return all
      .filter((item) => item.parentCode !== null && item.active)
      .map((item) => ({
        service_code: item.code,
        service_name: item.name,
        description: `${groups.get(item.parentCode ?? "")?.name ?? ""} · ${item.name} (${item.nameEn})`,
        metadata: item.questions.length > 0,
        type: "realtime",
        keywords: [item.nameEn, groups.get(item.parentCode ?? "")?.nameEn].filter(Boolean).join(", "),
        group: groups.get(item.parentCode ?? "")?.name ?? "",
      }));
  }

  async definition(code: string) {
    const category = await this.categories.activeSubCategory(code);
    if (!category) throw new Open311Error(404, `service_code ${code} was not found`);
    return {
      service_code: category.code,
      attributes: category.questions.map((question, index) => ({
        variable: true,
        code: question.code,
        datatype: question.datatype,
        required: question.required,
        datatype_description: question.labelEn,
        order: index + 1,
        description: question.label,
        ...(question.values ? { values: question.values.map((value) => ({ key: value.key, name: value.name })) } : {}),
      })),
    };
  }

  /** POST requests: the form as a case report, answered with the case number. */
  async create(client: Open311Caller, form: RequestForm, ip: string | null, idempotencyKey?: string) {
    const serviceCode = text(form, "service_code");
    if (!serviceCode) throw new Open311Error(400, "service_code was not provided");
    const category = await this.categories.activeSubCategory(serviceCode);
    if (!category) throw new Open311Error(404, `service_code ${serviceCode} was not found`);
    const description = text(form, "description");
    if (description && description.length > 4_000) throw new Open311Error(400, "description is longer than 4000 characters");
    const latitude = text(form, "lat");
    const longitude = text(form, "long");
    const address = text(form, "address_string");
    if ((latitude === undefined || longitude === undefined) && !address)
      throw new Open311Error(400, "a location is required: lat and long, or address_string");
    const point =
      latitude !== undefined && longitude !== undefined
        ? { latitude: Number(latitude), longitude: Number(longitude) }
        : undefined;
    if (
      point &&
      (!Number.isFinite(point.latitude) ||
        Math.abs(point.latitude) > 90 ||
        !Number.isFinite(point.longitude) ||
        Math.abs(point.longitude) > 180)
    )
      throw new Open311Error(400, "lat and long must be WGS84 degrees");
    const phone = text(form, "phone");
    const parsedPhone = phone ? mobileSchema.safeParse(phone) : undefined;
    if (parsedPhone && !parsedPhone.success) throw new Open311Error(400, "phone is not a mainland mobile number");
    const name = [text(form, "last_name"), text(form, "first_name")].filter(Boolean).join("");
    const report: ReportCaseRequest = {
      categoryCode: category.code,
      description: description ?? category.name,
      address: address?.slice(0, 200) ?? "",
      answers: answersOf(form, category),
      photoIds: [],
      ...(point ?? {}),
      ...(name ? { reporterName: name.slice(0, 40) } : {}),
      ...(parsedPhone?.success ? { reporterPhone: parsedPhone.data } : {}),
    };
    // A refusal (an AppError) reaches the routes' error handler, which words it the spec's way.
    const { row, trackingCode } = await this.cases.report(
      { kind: "open311", client },
      report,
      { ip },
      idempotencyKey ? { owner: `open311:${client.id}`, key: idempotencyKey } : undefined,
    );
    return [{ service_request_id: row.number, token: trackingCode, service_notice: "", account_id: null }];
  }

  async list(client: Open311Caller, query: Record<string, string | undefined>, now: Date) {
    const numbers = query.service_request_id
      ?.split(",")
      .map((id) => id.trim())
      .filter(Boolean);
    const end = query.end_date ? parseDate(query.end_date, "end_date") : now;
    const start = query.start_date ? parseDate(query.start_date, "start_date") : new Date(end.getTime() - maxRangeDays * dayMs);
    if (start > end) throw new Open311Error(400, "start_date is after end_date");
    if (end.getTime() - start.getTime() > maxRangeDays * dayMs)
      throw new Open311Error(400, `start_date and end_date may be at most ${maxRangeDays} days apart`);
    if (query.status && query.status !== "open" && query.status !== "closed")
      throw new Open311Error(400, "status must be open or closed");
    const rows = await this.cases.forClient(client.regions, {
      ...(numbers && numbers.length > 0 ? { numbers } : { from: start, to: end }),
      categoryCode: query.service_code,
      closed: query.status ? query.status === "closed" : undefined,
      limit: 1_000,
    });
    return rows.map(toServiceRequest);
  }

  async one(client: Open311Caller, number: string) {
    const [row] = await this.cases.forClient(client.regions, { numbers: [number], limit: 1 });
    if (!row) throw new Open311Error(404, `service_request_id ${number} was not found`);
    return [toServiceRequest(row)];
  }

  async token(client: Open311Caller, token: string) {
    const row = /^[0-9A-Z]{12}$/.test(token) ? await this.cases.byTrackingCodeWithin(token, client.regions) : undefined;
    if (!row) throw new Open311Error(404, `token ${token} was not found`);
    return [{ service_request_id: row.number, token }];
  }
}

function parseDate(value: string, field: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new Open311Error(400, `${field} is not a w3 date-time`);
  return parsed;
}

/** `attribute[code]=value` fields, repeated for several values of a multi-value list. */
function answersOf(form: RequestForm, category: Category): ReportCaseRequest["answers"] {
  const answers: ReportCaseRequest["answers"] = {};
  for (const question of category.questions) {
    const raw = form[`attribute[${question.code}]`] ?? form[`attribute[${question.code}][]`];
    if (raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map((value) => value.trim()).filter(Boolean);
    if (values.length === 0) continue;
    if (question.datatype === "multivaluelist") answers[question.code] = values;
    else if (question.datatype === "number") answers[question.code] = Number(values[0]);
    else answers[question.code] = values[0] as string;
  }
  return answers;
}

function toServiceRequest(row: CaseListRow) {
  const closed = !openStatuses.includes(row.status as CaseStatus);
  const updated = [
    row.reportedAt,
    row.registeredAt,
    row.dispatchedAt,
    row.handledAt,
    row.verifiedAt,
    row.closedAt,
    row.ratedAt,
    row.escalatedAt,
  ]
    .filter((value): value is Date => value !== null)
    .map((value) => value.getTime());
  return {
    service_request_id: row.number,
    status: closed ? "closed" : "open",
    status_notes: row.status === "merged" ? "duplicate" : row.status === "rejected" ? "rejected" : row.status,
    service_name: row.categoryName,
    service_code: row.categoryCode,
    description: row.description,
    agency_responsible: row.partyName ?? "",
    service_notice: "",
    requested_datetime: row.reportedAt.toISOString(),
    updated_datetime: new Date(Math.max(...updated)).toISOString(),
    expected_datetime: row.dueAt?.toISOString() ?? null,
    address: [row.compoundName, row.address].filter(Boolean).join(" "),
    address_id: null,
    zipcode: null,
    lat: row.latitude,
    long: row.longitude,
    media_url: null,
  };
}
