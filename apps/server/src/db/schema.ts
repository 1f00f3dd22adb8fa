import type { Polygon } from "@linli/contracts";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * Accounts that sign in. `region_scopes` (division-code prefixes, or `*`) and `grid_scopes`
 * (15-digit grid codes) say where the account sees and changes scoped records.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** When the holder last chose the password; null for an issued one-time password, which must be changed. */
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    roles: text("roles").array().notNull().default(sql`'{}'::text[]`),
    regionScopes: text("region_scopes").array().notNull().default(sql`'{}'::text[]`),
    gridScopes: text("grid_scopes").array().notNull().default(sql`'{}'::text[]`),
    /** For a resident's account: the registry record it was verified against (votes as that owner). */
    residentId: uuid("resident_id"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Failed sign-ins since `failedSignInsSince`; reset by a successful one. */
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    failedSignInsSince: timestamp("failed_sign_ins_since", { withTimezone: true }),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** TOTP (RFC 6238) secret, base32; null until the user confirms enrolment. */
    totpSecret: text("totp_secret"),
    /** A secret offered at enrolment, waiting for its first code. */
    totpPendingSecret: text("totp_pending_secret"),
    /** The last time step whose code was accepted: a code is accepted once. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Lists page by username in byte order (COLLATE "C") so that PGlite (C) and a PostgreSQL
    // server (often en_US or zh_CN) return the same pages; the index also serves prefix LIKE.
    index("users_username_c_idx").on(sql`${table.username} collate "C"`),
    // text_pattern_ops so that prefix search (LIKE 'q%') uses an index under any collation.
    index("users_display_name_prefix_idx").on(table.displayName.op("text_pattern_ops")),
  ],
);

/**
 * Server-side sessions. The id is the SHA-256 of the cookie's token, so a copy of this table
 * cannot be replayed as cookies.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

/**
 * The audit trail (等保 2.0 安全审计): append-only. Each row is written in the transaction of the
 * change it records, with the SHA-256 of its own content; the sealer later links committed rows
 * into one hash chain (chain_seq, prev_hash, chain_hash), so writers never wait on each other.
 * Triggers (migration 0003) refuse deletes and any change to a row's content or to a sealed row.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorUsername: text("actor_username"),
    actorRoles: text("actor_roles").array().notNull(),
    ip: text("ip"),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    result: text("result").notNull(),
    reason: text("reason"),
    contentHash: text("content_hash").notNull(),
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    chainHash: text("chain_hash"),
    sealedAt: timestamp("sealed_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("audit_events_chain_seq_idx").on(table.chainSeq),
    index("audit_events_unsealed_idx").on(table.id).where(sql`${table.chainSeq} is null`),
    index("audit_events_occurred_at_idx").on(table.occurredAt),
  ],
);

/** Which role grants which permission; seeded with the defaults in the code, edited by the security administrator. */
export const rolePermissions = pgTable(
  "role_permissions",
  {
    role: text("role").notNull(),
    permission: text("permission").notNull(),
  },
  (table) => [primaryKey({ columns: [table.role, table.permission] })],
);

/** One-time recovery codes for the second factor, stored as SHA-256; `used_at` set when spent. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.codeHash] })],
);

/**
 * Administrative divisions (统计用区划代码, National Bureau of Statistics 2023) at five levels:
 * province (2 digits), city (4), county (6), township or street (9), community or village (12).
 * Imported by `npm run regions:import`; a code that vanishes from the source is marked inactive,
 * never deleted, because records and scopes refer to it.
 */
export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    level: smallint("level").notNull(),
    name: text("name").notNull(),
    parentCode: text("parent_code"),
    active: boolean("active").notNull().default(true),
    /** The area, where one has been drawn (GeoJSON Polygon, WGS84); compounds and grids must lie inside it. */
    boundary: jsonb("boundary").$type<Polygon>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("regions_parent_code_idx").on(table.parentCode, table.code),
    // Prefix filters (scope, subtree) under any collation.
    index("regions_code_prefix_idx").on(table.code.op("text_pattern_ops")),
  ],
);

/**
 * Residential compounds (小区) inside a community: the unit of 社区治理小区化. `region_code` is
 * the community's 12-digit code (the scope key), `county_code` its first six digits (the key a
 * distributed deployment shards by).
 */
export const compounds = pgTable(
  "compounds",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    countyCode: text("county_code").notNull(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    dwellingsCount: integer("dwellings_count"),
    yearBuilt: smallint("year_built"),
    /** GeoJSON Polygon, WGS84 longitude-latitude. */
    boundary: jsonb("boundary").$type<Polygon>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("compounds_region_code_idx").on(table.regionCode.op("text_pattern_ops")),
    uniqueIndex("compounds_region_name_idx").on(table.regionCode, table.name),
  ],
);

/**
 * The "三化" profile of a compound, as history: each row is the state from `effective_from` on,
 * never edited; the current profile is the latest. "三无" is derived from it, never stored.
 */
export const compoundProfiles = pgTable(
  "compound_profiles",
  {
    id: uuid("id").primaryKey(),
    compoundId: uuid("compound_id")
      .notNull()
      .references(() => compounds.id),
    effectiveFrom: date("effective_from").notNull(),
    /** none | owners_self_managed | property_company */
    propertyManagement: text("property_management").notNull(),
    propertyCompany: text("property_company"),
    contractFrom: date("contract_from"),
    contractTo: date("contract_to"),
    guards: boolean("guards").notNull(),
    watch24h: boolean("watch_24h").notNull(),
    fence: boolean("fence").notNull(),
    gate: boolean("gate").notNull(),
    smartAccess: boolean("smart_access").notNull(),
    cameras: boolean("cameras").notNull(),
    ownersCommittee: boolean("owners_committee").notNull(),
    /** The decision that caused the change (a meeting's resolution, once deliberation links it). */
    decisionRef: text("decision_ref"),
    note: text("note"),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("compound_profiles_compound_idx").on(table.compoundId, table.effectiveFrom)],
);

/** Buildings (楼栋) of a compound; `region_code` repeats the compound's community for the scope filter. */
export const buildings = pgTable(
  "buildings",
  {
    id: uuid("id").primaryKey(),
    compoundId: uuid("compound_id")
      .notNull()
      .references(() => compounds.id),
    regionCode: text("region_code").notNull(),
    name: text("name").notNull(),
    floors: smallint("floors"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("buildings_compound_name_idx").on(table.compoundId, table.name)],
);

/** Entrances (单元) of a building. */
export const entrances = pgTable(
  "entrances",
  {
    id: uuid("id").primaryKey(),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id),
    name: text("name").notNull(),
  },
  (table) => [uniqueIndex("entrances_building_name_idx").on(table.buildingId, table.name)],
);

/**
 * Dwellings (房屋): the unit a household lives in and an owner votes for; owners' votes weigh by
 * `floor_area` (m², the 专有部分面积 of Civil Code art. 278).
 */
export const dwellings = pgTable(
  "dwellings",
  {
    id: uuid("id").primaryKey(),
    compoundId: uuid("compound_id")
      .notNull()
      .references(() => compounds.id),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id),
    entranceId: uuid("entrance_id").references(() => entrances.id),
    regionCode: text("region_code").notNull(),
    number: text("number").notNull(),
    floor: smallint("floor"),
    address: text("address").notNull().default(""),
    /** Null until the property certificate's figure is known; an owners' vote cannot open without it. */
    floorArea: numeric("floor_area", { precision: 9, scale: 2, mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One number per entrance; a building without entrances counts as one.
    uniqueIndex("dwellings_building_entrance_number_idx").on(
      table.buildingId,
      sql`coalesce(${table.entranceId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      table.number,
    ),
    index("dwellings_compound_idx").on(table.compoundId, table.buildingId),
    index("dwellings_region_code_idx").on(table.regionCode.op("text_pattern_ops")),
  ],
);

/** Governance grids (网格): 12-digit community code + 3-digit sequence; each covers compounds of its community. */
export const grids = pgTable(
  "grids",
  {
    code: text("code").primaryKey(),
    regionCode: text("region_code").notNull(),
    countyCode: text("county_code").notNull(),
    name: text("name").notNull(),
    /** GeoJSON Polygon, WGS84 longitude-latitude; grids of one community never overlap. */
    boundary: jsonb("boundary").$type<Polygon>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("grids_region_code_idx").on(table.regionCode.op("text_pattern_ops"))],
);

export const gridCompounds = pgTable(
  "grid_compounds",
  {
    gridCode: text("grid_code")
      .notNull()
      .references(() => grids.code),
    compoundId: uuid("compound_id")
      .notNull()
      .references(() => compounds.id),
  },
  (table) => [primaryKey({ columns: [table.gridCode, table.compoundId] })],
);

/**
 * Grid staffing as terms (from, to): the community's chief grid leader (no grid), a grid's grid
 * leader, its grid members. Terms are ended, never deleted, so the history stays.
 */
export const gridStaff = pgTable(
  "grid_staff",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code").references(() => grids.code),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** chief_grid_leader | grid_leader | grid_member */
    post: text("post").notNull(),
    fromDate: date("from_date").notNull(),
    toDate: date("to_date"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("grid_staff_region_idx").on(table.regionCode, table.post),
    index("grid_staff_grid_idx").on(table.gridCode, table.post),
    index("grid_staff_user_idx").on(table.userId),
  ],
);

/**
 * Households (户): people registered or living together in a dwelling. A merged household ends
 * (`ended_at`, `merged_into`) and is kept, so its history stays readable.
 */
export const households = pgTable(
  "households",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    dwellingId: uuid("dwelling_id").references(() => dwellings.id),
    headResidentId: uuid("head_resident_id"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    mergedInto: uuid("merged_into"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("households_region_code_idx").on(table.regionCode.op("text_pattern_ops")),
    index("households_dwelling_idx").on(table.dwellingId),
  ],
);

/**
 * Residents (实有人口). The ID and phone numbers are sealed per field (AES-256-GCM, the key outside
 * the database), found through a keyed hash (the blind index) and kept masked for lists; the
 * plain values never reach the database.
 */
export const residents = pgTable(
  "residents",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    householdId: uuid("household_id").references(() => households.id),
    dwellingId: uuid("dwelling_id").references(() => dwellings.id),
    name: text("name").notNull(),
    idNumberSealed: text("id_number_sealed"),
    idNumberIndex: text("id_number_index"),
    idNumberMasked: text("id_number_masked"),
    gender: text("gender"),
    birthDate: date("birth_date"),
    phoneSealed: text("phone_sealed"),
    phoneIndex: text("phone_index"),
    phoneMasked: text("phone_masked"),
    ethnicity: text("ethnicity"),
    /** local | migrant */
    registration: text("registration").notNull(),
    homeRegionCode: text("home_region_code"),
    politicalStatus: text("political_status"),
    relation: text("relation"),
    /** present | away | moved_out | deceased */
    livingStatus: text("living_status").notNull(),
    /** The last address, kept when the resident moves out. */
    address: text("address").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One person per ID number in the whole database.
    uniqueIndex("residents_id_number_index_idx").on(table.idNumberIndex),
    index("residents_phone_index_idx").on(table.phoneIndex),
    index("residents_region_name_idx").on(table.regionCode.op("text_pattern_ops"), table.name.op("text_pattern_ops")),
    // A community's residents in the list's order: a name-prefix page walks it and stops at the limit.
    index("residents_community_name_idx").on(table.regionCode, sql`(${table.name} collate "C")`, table.id),
    index("residents_grid_idx").on(table.gridCode),
    index("residents_household_idx").on(table.householdId),
    index("residents_name_trgm_idx").using("gin", table.name.op("gin_trgm_ops")),
    index("residents_tags_idx").using("gin", table.tags),
  ],
);

/** Special-register records (特殊人群), one per resident and register; readable by that register's permission only. */
export const registerEntries = pgTable(
  "register_entries",
  {
    id: uuid("id").primaryKey(),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    register: text("register").notNull(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    status: text("status").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    visitFrequency: text("visit_frequency").notNull(),
    responsible: text("responsible").notNull(),
    note: text("note"),
    details: jsonb("details").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("register_entries_resident_register_idx").on(table.residentId, table.register),
    index("register_entries_register_region_idx").on(table.register, table.regionCode.op("text_pattern_ops")),
  ],
);

/**
 * What happened to residents and households, never rewritten: registration, corrections, moves,
 * splits, merges, death; with who did it (and who accepted it, for a collected change) and the
 * changed fields, sensitive values masked.
 */
export const residentEvents = pgTable(
  "resident_events",
  {
    id: uuid("id").primaryKey(),
    residentId: uuid("resident_id").references(() => residents.id),
    householdId: uuid("household_id").references(() => households.id),
    kind: text("kind").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    effectiveDate: date("effective_date"),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    submissionId: uuid("submission_id"),
    changes: jsonb("changes").notNull().default(sql`'[]'::jsonb`),
    note: text("note"),
  },
  (table) => [
    index("resident_events_resident_idx").on(table.residentId, table.occurredAt),
    index("resident_events_household_idx").on(table.householdId, table.occurredAt),
  ],
);

/**
 * Collected changes waiting for the grid leader (信息采集): a new resident or a correction, with
 * the request (sensitive fields sealed) and the diff to show (masked).
 */
export const collectionSubmissions = pgTable(
  "collection_submissions",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    residentId: uuid("resident_id").references(() => residents.id),
    residentName: text("resident_name").notNull(),
    address: text("address").notNull().default(""),
    payload: jsonb("payload").notNull(),
    changes: jsonb("changes").notNull(),
    submittedBy: uuid("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    comment: text("comment"),
  },
  (table) => [
    index("collection_submissions_status_region_idx").on(table.status, table.regionCode.op("text_pattern_ops")),
    index("collection_submissions_submitter_idx").on(table.submittedBy, table.submittedAt),
  ],
);

/**
 * Case categories (事件分类): two levels. Top rows group (部件/事件 classes of GB/T 30428, and the
 * community's own); sub-categories carry the default responsible party, the hours allowed per
 * stage and the extra questions. A case copies the limits it was opened under, so an edit here
 * never changes an open case's clock.
 */
export const caseCategories = pgTable(
  "case_categories",
  {
    code: text("code").primaryKey(),
    parentCode: text("parent_code"),
    /** component | incident | community */
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    /** property_company | owners_committee | community | township | department (sub-categories only) */
    party: text("party"),
    department: text("department"),
    limits: jsonb("limits").$type<{ register: number; dispatch: number; handle: number; verify: number }>(),
    workingHours: boolean("working_hours").notNull().default(false),
    questions: jsonb("questions").notNull().default([]),
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("case_categories_parent_idx").on(table.parentCode, table.sort)],
);

export const caseNumbers = pgSequence("case_number_seq");

/**
 * Cases (事件工单). `region_code` is the community (or the township whose pool holds a case placed
 * in no community), `county_code` the shard key. The tracking code is kept only as its SHA-256.
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey(),
    number: text("number").notNull().unique(),
    trackingHash: text("tracking_hash").notNull().unique(),
    categoryCode: text("category_code")
      .notNull()
      .references(() => caseCategories.code),
    status: text("status").notNull(),
    channel: text("channel").notNull(),
    regionCode: text("region_code").notNull(),
    countyCode: text("county_code").notNull(),
    gridCode: text("grid_code"),
    compoundId: uuid("compound_id").references(() => compounds.id),
    pooled: boolean("pooled").notNull().default(false),
    longitude: doublePrecision("longitude"),
    latitude: doublePrecision("latitude"),
    address: text("address").notNull().default(""),
    description: text("description").notNull(),
    answers: jsonb("answers").notNull().default({}),
    photoIds: uuid("photo_ids").array().notNull().default(sql`'{}'::uuid[]`),
    reporterUserId: uuid("reporter_user_id").references(() => users.id),
    /** The door-to-door visit that raised it, if one did (the visit lists its cases too). */
    visitId: uuid("visit_id"),
    reporterName: text("reporter_name"),
    reporterPhoneSealed: text("reporter_phone_sealed"),
    reporterPhoneMasked: text("reporter_phone_masked"),
    partyKind: text("party_kind"),
    partyName: text("party_name"),
    handlerUserId: uuid("handler_user_id").references(() => users.id),
    limits: jsonb("limits").notNull().$type<{ register: number; dispatch: number; handle: number; verify: number }>(),
    workingHours: boolean("working_hours").notNull(),
    /** The timed stage the case is in (register | dispatch | handle | verify), null once out of the clock. */
    stage: text("stage"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    escalationLevel: smallint("escalation_level").notNull().default(0),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    mergedInto: uuid("merged_into"),
    reworkCount: smallint("rework_count").notNull().default(0),
    reopenCount: smallint("reopen_count").notNull().default(0),
    handledOnTime: boolean("handled_on_time"),
    rating: smallint("rating"),
    ratingComment: text("rating_comment"),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    index("cases_region_status_idx").on(table.regionCode.op("text_pattern_ops"), table.status),
    index("cases_grid_status_idx").on(table.gridCode, table.status),
    index("cases_handler_idx").on(table.handlerUserId, table.status),
    index("cases_reporter_idx").on(table.reporterUserId),
    index("cases_due_idx").on(table.dueAt).where(sql`${table.stage} is not null`),
    index("cases_category_reported_idx").on(table.categoryCode, table.reportedAt),
  ],
);

/** Every step of a case: who, when, from which state to which, the note and photos. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    note: text("note"),
    photoIds: uuid("photo_ids").array().notNull().default(sql`'{}'::uuid[]`),
    details: jsonb("details").notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("case_events_case_idx").on(table.caseId, table.occurredAt)],
);

/** Photos of cases: the bytes live in the configured store under `storage_key`. */
export const casePhotos = pgTable("case_photos", {
  id: uuid("id").primaryKey(),
  /** The case it was attached to (by its report or a step); null until then. */
  caseId: uuid("case_id").references(() => cases.id),
  contentType: text("content_type").notNull(),
  byteSize: integer("byte_size").notNull(),
  sha256: text("sha256").notNull(),
  storageKey: text("storage_key").notNull(),
  uploadedBy: uuid("uploaded_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Days that break the Monday–Friday rule for working-hour limits: holidays, and weekend days worked (调休). */
export const caseCalendarDays = pgTable("case_calendar_days", {
  day: date("day").primaryKey(),
  /** holiday | workday */
  kind: text("kind").notNull(),
  name: text("name").notNull(),
});

/** Messages to a user (an escalated case, a case dispatched to them). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    caseId: uuid("case_id").references(() => cases.id),
    caseNumber: text("case_number"),
    /** For an escalation: the level reached. */
    level: smallint("level"),
    /** For a meeting's notice: the meeting, and its title as it was sent. */
    meetingId: uuid("meeting_id"),
    subject: text("subject"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.createdAt)],
);

/**
 * Idempotency keys of creating requests: the first request's hash and the record it made, so a
 * retry gets the same answer and a different request under the same key is refused.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    owner: text("owner").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    resultId: text("result_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.owner, table.key] })],
);

/**
 * Open311 GeoReport v2 clients: each has an API key (kept only as its SHA-256, shown once), the
 * regions it may report in and read from, and its own rate limit.
 */
export const open311Clients = pgTable("open311_clients", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  /** The key's first characters, to tell keys apart in lists. */
  keyPrefix: text("key_prefix").notNull(),
  regionScopes: text("region_scopes").array().notNull(),
  ratePerMinute: integer("rate_per_minute").notNull().default(120),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * A community's visit rules (走访规则): whom to visit — every household, households with a
 * resident of a tag, the persons on a register — how often, and with which companions.
 */
export const visitRules = pgTable(
  "visit_rules",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    name: text("name").notNull(),
    /** household | tag | register */
    target: text("target").notNull(),
    tag: text("tag"),
    register: text("register"),
    /** weekly | fortnightly | monthly | quarterly */
    frequency: text("frequency").notNull(),
    companions: text("companions").array().notNull().default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("visit_rules_region_idx").on(table.regionCode)],
);

/**
 * Visit tasks the planner makes: one per rule, subject (the household, or the register's
 * person) and period, for the grid member of the household's grid; done by a visit.
 */
export const visitTasks = pgTable(
  "visit_tasks",
  {
    id: uuid("id").primaryKey(),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => visitRules.id),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id),
    residentId: uuid("resident_id").references(() => residents.id),
    /** The household for a household or tag rule, the resident for a register rule: one task per period. */
    subjectId: uuid("subject_id").notNull(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    periodStart: date("period_start").notNull(),
    dueDate: date("due_date").notNull(),
    visitId: uuid("visit_id"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("visit_tasks_rule_subject_period_idx").on(table.ruleId, table.subjectId, table.periodStart),
    index("visit_tasks_assignee_idx").on(table.assigneeUserId, table.dueDate),
    index("visit_tasks_region_idx").on(table.regionCode, table.periodStart),
    index("visit_tasks_household_idx").on(table.householdId),
  ],
);

/** Door-to-door visits (入户走访) as recorded: who, when, where, whom they met, what they found and raised. */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id),
    residentId: uuid("resident_id").references(() => residents.id),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    visitorUserId: uuid("visitor_user_id")
      .notNull()
      .references(() => users.id),
    visitedAt: timestamp("visited_at", { withTimezone: true }).notNull(),
    longitude: doublePrecision("longitude"),
    latitude: doublePrecision("latitude"),
    metWith: text("met_with").notNull(),
    findings: text("findings").notNull().default(""),
    /** The register the note is about: only that register's readers see the note. */
    register: text("register"),
    registerNote: text("register_note"),
    caseIds: uuid("case_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** The service requests (服务需求) it raised (each names the visit too). */
    serviceRequestIds: uuid("service_request_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("visits_household_idx").on(table.householdId, table.visitedAt)],
);

/** Anti-fraud campaigns (反诈 上门预警劝阻): a police warning list to be delivered door to door in an area. */
export const fraudCampaigns = pgTable(
  "fraud_campaigns",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    title: text("title").notNull(),
    startsOn: date("starts_on").notNull(),
    deadline: date("deadline").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("fraud_campaigns_region_idx").on(table.regionCode.op("text_pattern_ops"))],
);

/**
 * One person to warn (fraud_warning): matched to the registry through the blind index, assigned to
 * the grid member of their household's grid, done when the outcome is recorded. The list's ID or
 * phone number is not kept: the resident's record already holds it, sealed.
 */
export const fraudWarnings = pgTable(
  "fraud_warnings",
  {
    id: uuid("id").primaryKey(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => fraudCampaigns.id),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    householdId: uuid("household_id").references(() => households.id),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    reason: text("reason").notNull(),
    deadline: date("deadline").notNull(),
    /** dissuaded | warned | not_reached; null while open */
    outcome: text("outcome"),
    note: text("note").notNull().default(""),
    doneBy: uuid("done_by").references(() => users.id),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("fraud_warnings_campaign_resident_idx").on(table.campaignId, table.residentId),
    index("fraud_warnings_assignee_idx").on(table.assigneeUserId, table.deadline),
    index("fraud_warnings_region_idx").on(table.regionCode),
  ],
);

/** The police's yearly anti-fraud figures for an area (破案、抓获、止付冻结), entered by the police liaison. */
export const fraudYears = pgTable(
  "fraud_years",
  {
    regionCode: text("region_code").notNull(),
    year: integer("year").notNull(),
    casesSolved: integer("cases_solved").notNull(),
    arrests: integer("arrests").notNull(),
    /** Funds stopped or frozen, in fen (分). */
    fundsStoppedFen: bigint("funds_stopped_fen", { mode: "number" }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.regionCode, table.year] })],
);

/** Disputes (矛盾纠纷) a community mediates: the parties, the mediators, the sessions, how it ended. */
export const disputes = pgTable(
  "disputes",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    kind: text("kind").notNull(),
    summary: text("summary").notNull(),
    /** [{ name, side, residentId? }] */
    parties: jsonb("parties").$type<{ name: string; side: string; residentId?: string }[]>().notNull(),
    mediators: text("mediators").array().notNull(),
    reportedOn: date("reported_on").notNull(),
    /** agreement | referred_committee | referred_court | referred_police | withdrawn; null while open */
    outcome: text("outcome"),
    resolution: text("resolution").notNull().default(""),
    followUpOn: date("follow_up_on"),
    closedOn: date("closed_on"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    index("disputes_region_idx").on(table.regionCode.op("text_pattern_ops"), table.reportedOn),
    index("disputes_grid_idx").on(table.gridCode),
  ],
);

/** A mediation session (调解) of a dispute: when, and what was said and agreed. */
export const disputeSessions = pgTable(
  "dispute_sessions",
  {
    id: uuid("id").primaryKey(),
    disputeId: uuid("dispute_id")
      .notNull()
      .references(() => disputes.id),
    heldOn: date("held_on").notNull(),
    notes: text("notes").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("dispute_sessions_dispute_idx").on(table.disputeId, table.heldOn)],
);

/** Public-safety patrols (治安巡逻): who walked which grid when, along which route. */
export const patrols = pgTable(
  "patrols",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    patrollerUserId: uuid("patroller_user_id")
      .notNull()
      .references(() => users.id),
    companions: text("companions").notNull().default(""),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** [{ longitude, latitude, at }] in the order walked */
    route: jsonb("route").$type<{ longitude: number; latitude: number; at: string }[]>().notNull().default(sql`'[]'::jsonb`),
    distanceMetres: integer("distance_metres").notNull().default(0),
    notes: text("notes").notNull().default(""),
  },
  (table) => [
    index("patrols_patroller_idx").on(table.patrollerUserId, table.startedAt),
    index("patrols_region_idx").on(table.regionCode.op("text_pattern_ops"), table.startedAt),
  ],
);

/** A hazard found on a patrol; the case it became, if it was reported as one. */
export const patrolHazards = pgTable(
  "patrol_hazards",
  {
    id: uuid("id").primaryKey(),
    patrolId: uuid("patrol_id")
      .notNull()
      .references(() => patrols.id),
    description: text("description").notNull(),
    longitude: doublePrecision("longitude"),
    latitude: doublePrecision("latitude"),
    caseId: uuid("case_id"),
    foundAt: timestamp("found_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("patrol_hazards_patrol_idx").on(table.patrolId)],
);

/** Integrity visits (廉政家访) to officials' families, seen only by holders of `integrity.visits`. */
export const integrityVisits = pgTable(
  "integrity_visits",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    officialName: text("official_name").notNull(),
    officialPost: text("official_post").notNull(),
    familyMet: text("family_met").notNull(),
    visitors: text("visitors").array().notNull(),
    visitedOn: date("visited_on").notNull(),
    talk: text("talk").notNull(),
    risksNoted: text("risks_noted").notNull().default(""),
    commitmentSigned: boolean("commitment_signed").notNull().default(false),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("integrity_visits_region_idx").on(table.regionCode.op("text_pattern_ops"), table.visitedOn)],
);

/** Owners (业主) of a dwelling, from the property certificate; co-owners share one vote. */
export const dwellingOwners = pgTable(
  "dwelling_owners",
  {
    dwellingId: uuid("dwelling_id")
      .notNull()
      .references(() => dwellings.id),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    regionCode: text("region_code").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.dwellingId, table.residentId] }),
    index("dwelling_owners_resident_idx").on(table.residentId),
  ],
);

/** Meetings (屋场恳谈会, 业主大会, 三方联席会议, 委员会会议): who is invited, who came, what was decided. */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    compoundId: uuid("compound_id").references(() => compounds.id),
    /** neighbourhood_meeting | owners_assembly | joint | committee */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    host: text("host").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    place: text("place").notNull(),
    agenda: text("agenda").notNull(),
    /** compound_residents | owners_committee | property_company | community */
    invitees: text("invitees").array().notNull(),
    noticedAt: timestamp("noticed_at", { withTimezone: true }),
    /** The code attendees type to sign themselves in; shown to staff only. */
    signInCode: text("sign_in_code").notNull(),
    minutes: text("minutes"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [index("meetings_region_idx").on(table.regionCode.op("text_pattern_ops"), table.startsAt)],
);

/** Sign-in at a meeting: a resident (by the staff or by the meeting's code) or a named party's delegate. */
export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    id: uuid("id").primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id),
    residentId: uuid("resident_id").references(() => residents.id),
    name: text("name").notNull(),
    /** resident | owners_committee | property_company | community | other */
    party: text("party").notNull(),
    /** staff | code */
    method: text("method").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    signedInAt: timestamp("signed_in_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("meeting_attendance_resident_idx")
      .on(table.meetingId, table.residentId)
      .where(sql`${table.residentId} is not null`),
  ],
);

/**
 * Motions (议题) put to a meeting. An owners' vote freezes its roll when it opens; the tally is
 * recomputed from the roll and the ballots, and stored when the poll closes.
 */
export const motions = pgTable(
  "motions",
  {
    id: uuid("id").primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id),
    regionCode: text("region_code").notNull(),
    compoundId: uuid("compound_id").references(() => compounds.id),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** The matter (hire_property_company, maintenance_fund, …), which fixes the least rule it needs. */
    matter: text("matter").notNull(),
    /** owners_ordinary | owners_special | simple_majority | custom */
    rule: text("rule").notNull(),
    thresholdNumerator: smallint("threshold_numerator"),
    thresholdDenominator: smallint("threshold_denominator"),
    /** replace | refuse: what a second ballot of the same owner does while the poll is open */
    revote: text("revote").notNull(),
    /** draft | open | closed */
    status: text("status").notNull().default("draft"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closesAt: timestamp("closes_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** A show of hands: the counts the staff recorded. */
    handsFor: integer("hands_for"),
    handsAgainst: integer("hands_against"),
    handsAbstain: integer("hands_abstain"),
    tally: jsonb("tally"),
    passed: boolean("passed"),
    /** Closed before `closes_at`: the decision that allowed it (why, and who decided), and the account that recorded it. */
    earlyCloseReason: text("early_close_reason"),
    earlyCloseDecidedBy: text("early_close_decided_by"),
    closedBy: uuid("closed_by").references(() => users.id),
    /** A rule since corrected that this motion was counted (or is being polled) under, e.g. use_maintenance_fund_is_ordinary. */
    ruleCorrection: text("rule_correction"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    index("motions_meeting_idx").on(table.meetingId),
    index("motions_region_idx").on(table.regionCode.op("text_pattern_ops")),
  ],
);

/** An owners' vote's roll, frozen when the poll opens: one unit per owner (one buyer's dwellings together). */
export const motionRoll = pgTable(
  "motion_roll",
  {
    motionId: uuid("motion_id")
      .notNull()
      .references(() => motions.id),
    unit: integer("unit").notNull(),
    dwellingIds: uuid("dwelling_ids").array().notNull(),
    ownerIds: uuid("owner_ids").array().notNull(),
    /** Hundredths of a m², so that sums and thresholds are exact integers. */
    areaCents: bigint("area_cents", { mode: "number" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.motionId, table.unit] }), index("motion_roll_owner_idx").using("gin", table.ownerIds)],
);

/** One ballot per roll unit and motion: the primary key is what makes one vote per owner hold under concurrency. */
export const motionBallots = pgTable(
  "motion_ballots",
  {
    motionId: uuid("motion_id")
      .notNull()
      .references(() => motions.id),
    unit: integer("unit").notNull(),
    /** for | against | abstain */
    choice: text("choice").notNull(),
    /** phone | paper */
    channel: text("channel").notNull(),
    paperNumber: text("paper_number"),
    castBy: uuid("cast_by")
      .notNull()
      .references(() => users.id),
    castAt: timestamp("cast_at", { withTimezone: true }).notNull(),
    replaced: integer("replaced").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.motionId, table.unit] }),
    uniqueIndex("motion_ballots_paper_idx").on(table.motionId, table.paperNumber).where(sql`${table.paperNumber} is not null`),
  ],
);

/** A passed motion's resolution (决议), tracked through its actions to done. */
export const resolutions = pgTable(
  "resolutions",
  {
    id: uuid("id").primaryKey(),
    motionId: uuid("motion_id")
      .notNull()
      .unique()
      .references(() => motions.id),
    regionCode: text("region_code").notNull(),
    compoundId: uuid("compound_id").references(() => compounds.id),
    title: text("title").notNull(),
    adoptedOn: date("adopted_on").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("resolutions_region_idx").on(table.regionCode.op("text_pattern_ops"))],
);

/** An action a resolution asks for: who does it by when, its progress, and the 三化 change it makes. */
export const resolutionActions = pgTable(
  "resolution_actions",
  {
    id: uuid("id").primaryKey(),
    resolutionId: uuid("resolution_id")
      .notNull()
      .references(() => resolutions.id),
    title: text("title").notNull(),
    /** community | owners_committee | property_company | person */
    assigneeKind: text("assignee_kind").notNull(),
    assigneeName: text("assignee_name").notNull(),
    dueOn: date("due_on").notNull(),
    /** The compound profile fields this action sets when done, e.g. { smartAccess: true }. */
    profileChange: jsonb("profile_change").$type<Record<string, unknown>>(),
    completedOn: date("completed_on"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("resolution_actions_resolution_idx").on(table.resolutionId)],
);

export const resolutionProgress = pgTable(
  "resolution_progress",
  {
    id: uuid("id").primaryKey(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => resolutionActions.id),
    note: text("note").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("resolution_progress_action_idx").on(table.actionId)],
);

/** Elections (选举) of an organisation's posts: positions with seats, candidates, a roll, secret ballots. */
export const elections = pgTable(
  "elections",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    compoundId: uuid("compound_id").references(() => compounds.id),
    organisation: text("organisation").notNull(),
    /** association | owners_committee | residents_committee | other */
    organisationKind: text("organisation_kind").notNull(),
    title: text("title").notNull(),
    /** draft | open | closed */
    status: text("status").notNull().default("draft"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closesAt: timestamp("closes_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Paper ballots taken from the box and entered, never more than the roll's paper ballots issued. */
    paperBallotsEntered: integer("paper_ballots_entered").notNull().default(0),
    /** plurality | owners (an owners' committee: art. 278's quorum and majorities of area and owners) */
    counting: text("counting").notNull().default("plurality"),
    /** An owners' election's share each elected member needs (null: more than half). */
    thresholdNumerator: smallint("threshold_numerator"),
    thresholdDenominator: smallint("threshold_denominator"),
    result: jsonb("result"),
    earlyCloseReason: text("early_close_reason"),
    earlyCloseDecidedBy: text("early_close_decided_by"),
    closedBy: uuid("closed_by").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [index("elections_region_idx").on(table.regionCode.op("text_pattern_ops"))],
);

export const electionPositions = pgTable(
  "election_positions",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id),
    name: text("name").notNull(),
    seats: smallint("seats").notNull(),
    /** A candidate must also win more than half of the ballots cast. */
    majorityRequired: boolean("majority_required").notNull().default(false),
    ordinal: smallint("ordinal").notNull(),
  },
  (table) => [uniqueIndex("election_positions_name_idx").on(table.electionId, table.name)],
);

export const electionCandidates = pgTable(
  "election_candidates",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id),
    positionId: uuid("position_id")
      .notNull()
      .references(() => electionPositions.id),
    name: text("name").notNull(),
    residentId: uuid("resident_id").references(() => residents.id),
    ordinal: smallint("ordinal").notNull(),
  },
  (table) => [index("election_candidates_position_idx").on(table.positionId)],
);

/** The roll (选民名册): who may vote, and whether they have — never how. */
export const electionVoters = pgTable(
  "election_voters",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id),
    rollNumber: text("roll_number").notNull(),
    name: text("name").notNull(),
    residentId: uuid("resident_id").references(() => residents.id),
    /** An owners' election: the owners of this roll unit (one buyer's dwellings, co-owners together), any of whom may vote for it. */
    ownerIds: uuid("owner_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** An owners' election: the unit's exclusive floor area, hundredths of a m². */
    areaCents: bigint("area_cents", { mode: "number" }),
    /** phone | paper, once they have voted or been handed a paper ballot */
    channel: text("channel"),
    votedAt: timestamp("voted_at", { withTimezone: true }),
    /** An owners' election: when the paper ballot handed to this unit was entered (its area is the ballot's weight). */
    paperEnteredAt: timestamp("paper_entered_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("election_voters_number_idx").on(table.electionId, table.rollNumber),
    uniqueIndex("election_voters_resident_idx")
      .on(table.electionId, table.residentId)
      .where(sql`${table.residentId} is not null`),
    index("election_voters_owner_idx").using("gin", table.ownerIds),
  ],
);

/**
 * Secret ballots: a random id, the election and the choices, nothing else — no voter, no time,
 * no channel — and rewritten in random order when the poll closes, so that neither a column nor
 * the order of the rows ties a ballot to the roll.
 */
export const electionBallots = pgTable(
  "election_ballots",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id),
    /** { positionId: [candidateId, …] } */
    choices: jsonb("choices").$type<Record<string, string[]>>().notNull(),
    /** An owners' election: the voter's floor area, hundredths of a m² (art. 278 counts area as well as heads). */
    areaCents: bigint("area_cents", { mode: "number" }),
  },
  (table) => [index("election_ballots_election_idx").on(table.electionId)],
);

/** Files attached to a meeting's minutes (photos of the sign-in sheet, the signed minutes as PDF). */
export const meetingFiles = pgTable(
  "meeting_files",
  {
    id: uuid("id").primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("meeting_files_meeting_idx").on(table.meetingId)],
);

/**
 * Region codes whose rows changed since the overview's rollups were last refreshed: statement
 * triggers on the counted tables append them (no key, so concurrent writers never wait on each
 * other); the refresher takes them away as it recomputes those regions.
 */
export const insightChanges = pgTable("insight_changes", {
  regionCode: text("region_code").notNull(),
});

/**
 * The overview's figures as each region code's own rows make them (insights): per grid ('' for
 * rows outside every grid), metric and period ('' for a present state, YYYY-MM for a month,
 * YYYY-MM-DD for a visit's due day). Recomputed per region code from its rows.
 */
export const insightFacts = pgTable(
  "insight_facts",
  {
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code").notNull(),
    metric: text("metric").notNull(),
    period: text("period").notNull(),
    value: bigint("value", { mode: "number" }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.regionCode, table.gridCode, table.metric, table.period] }),
    index("insight_facts_grid_idx").on(table.gridCode).where(sql`${table.gridCode} <> ''`),
  ],
);

/**
 * The facts summed per area: every division-code prefix ('' for everywhere, 2, 4, 6, 9, 12
 * digits), kept by adding each refresh's differences, so the city's figures are one index range.
 */
export const insightTotals = pgTable(
  "insight_totals",
  {
    area: text("area").notNull(),
    /** The next wider area ('' for a province, null for everywhere): the children of an area are one index range. */
    parent: text("parent"),
    metric: text("metric").notNull(),
    period: text("period").notNull(),
    value: bigint("value", { mode: "number" }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.area, table.metric, table.period] }),
    index("insight_totals_parent_idx").on(table.parent, table.metric, table.period),
  ],
);

/** When the rollups were last brought up to date (one row). */
export const insightRefreshes = pgTable("insight_refreshes", {
  id: smallint("id").primaryKey(),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull(),
});

/**
 * Service requests (服务需求): a household's need for a social service — elderly care, disability
 * support, child care and the like — raised on a visit and taken up by a social worker or the
 * community, as cases are for problems. Linked both ways to the visit that raised it.
 */
export const serviceRequests = pgTable(
  "service_requests",
  {
    id: uuid("id").primaryKey(),
    regionCode: text("region_code").notNull(),
    gridCode: text("grid_code"),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id),
    residentId: uuid("resident_id").references(() => residents.id),
    visitId: uuid("visit_id"),
    kind: text("kind").notNull(),
    description: text("description").notNull(),
    /** The household's address when the request was raised. */
    address: text("address").notNull().default(""),
    /** open | accepted | done | declined */
    status: text("status").notNull(),
    handlerUserId: uuid("handler_user_id").references(() => users.id),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    index("service_requests_region_idx").on(table.regionCode.op("text_pattern_ops"), table.status),
    index("service_requests_visit_idx").on(table.visitId),
  ],
);
