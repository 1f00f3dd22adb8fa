import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const booleanString = z.enum(["true", "false"]).transform((value) => value === "true");

/** Every environment variable Linli reads, with its default. README's table mirrors this. */
const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    HOST: z.string().min(1).default("localhost"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
    DATA_DIR: z.string().min(1).default("./data"),
    FILES_DIR: z.string().min(1).optional(),
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY: z.string().min(1).optional(),
    S3_SECRET_KEY: z.string().min(1).optional(),
    CASE_PHOTO_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(10_000)
      .max(50 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    CASE_DUPLICATE_RADIUS_METRES: z.coerce.number().min(1).max(5_000).default(50),
    CASE_DUPLICATE_WINDOW_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 90)
      .default(72),
    PUBLIC_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
    CASE_ESCALATION_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    INSIGHTS_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3_600).default(5),
    DATABASE_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case PostgreSQL role name, or none")
      .default("linli_app"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
    TRUST_PROXY: booleanString.default(false),
    PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(8),
    PASSWORD_CHARACTER_CLASSES: z.coerce.number().int().min(1).max(4).default(1),
    PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
    LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    WEB_DIST: z.string().optional(),
    DEMO: z.enum(["auto", "on", "off"]).default("auto"),
    MAP_TILE_URL: z
      .string()
      .regex(/^https?:\/\/[^\s/]+\/\S*\{z\}\S*\{x\}\S*\{y\}/, "must be an http(s) URL template with {z}, {x} and {y}")
      .optional(),
    FIELD_KEYS: z.string().optional(),
    FIELD_KEYS_FILE: z.string().min(1).optional(),
    BLIND_INDEX_KEY: z.string().optional(),
    BLIND_INDEX_KEY_FILE: z.string().min(1).optional(),
  })
  .superRefine((env, context) => {
    // An S3-compatible store needs its bucket and credentials as well as its address.
    if (env.S3_ENDPOINT)
      for (const name of ["S3_BUCKET", "S3_ACCESS_KEY", "S3_SECRET_KEY"] as const)
        if (!env[name]) context.addIssue({ code: "custom", path: [name], message: "required when S3_ENDPOINT is set" });
  });

export type Config = {
  nodeEnv: "development" | "production" | "test";
  host: string;
  port: number;
  database: { engine: "postgres"; url: string; poolSize: number } | { engine: "pglite"; dataDir: string };
  /** The role the server works as once migrated (null: the login user), so grants bind it. */
  databaseRole: string | null;
  logLevel: z.infer<typeof environmentSchema>["LOG_LEVEL"];
  session: {
    idleMinutes: number;
    absoluteHours: number;
    /** This many failed sign-ins within `lockoutMinutes` lock the account for `lockoutMinutes`. */
    lockoutAttempts: number;
    lockoutMinutes: number;
    passwordMinLength: number;
    passwordCharacterClasses: number;
    /** 0: passwords do not expire. */
    passwordMaxAgeDays: number;
    cookieSecure: "auto" | "true" | "false";
  };
  trustProxy: boolean;
  /** Sign-in attempts allowed per client address per minute. */
  loginAttemptsPerMinute: number;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** Directory of the built web app; null (WEB_DIST=none) serves the API only. */
  webDist: string | null;
  /** Tile URL template for map backgrounds; null draws maps on a plain background. */
  mapTileUrl: string | null;
  /** Load the demo into an empty database at start: auto = on PGlite only. */
  demo: "auto" | "on" | "off";
  /**
   * Where the keys of sensitive fields come from (never the database): inline values win over
   * files; the files default to `<DATA_DIR>/keys/`. See platform/privacy/keys.ts.
   */
  /** How often the overview's rollups take in changed rows; 0 leaves it to other instances. */
  insightsRefreshSeconds: number;
  privacy: { fieldKeys: string | null; fieldKeysFile: string; blindIndexKey: string | null; blindIndexKeyFile: string };
  cases: {
    /** Where uploaded photos are kept (default `<DATA_DIR>/files`) when no S3-compatible store is set. */
    filesDir: string;
    /** An S3-compatible object store for uploaded files, when S3_ENDPOINT is set. */
    s3: { endpoint: string; bucket: string; region: string; accessKey: string; secretKey: string } | null;
    photoMaxBytes: number;
    /** A new report this near an open one of its sub-category, this recent, is offered as a duplicate. */
    duplicateRadiusMetres: number;
    duplicateWindowHours: number;
    /** How often a process looks for overdue cases to escalate (0: never, e.g. a web-only process). */
    escalationIntervalSeconds: number;
    /** Anonymous intake, photo upload and tracking: requests per minute from one address. */
    publicRequestsPerMinute: number;
  };
};

const defaultWebDist = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Reads and validates the environment once; throws naming every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ""));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  return {
    nodeEnv: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    database: env.DATABASE_URL
      ? { engine: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { engine: "pglite", dataDir: resolve(env.DATA_DIR) },
    databaseRole: env.DATABASE_ROLE === "none" ? null : env.DATABASE_ROLE,
    logLevel: env.LOG_LEVEL,
    session: {
      idleMinutes: env.SESSION_IDLE_MINUTES,
      absoluteHours: env.SESSION_ABSOLUTE_HOURS,
      lockoutAttempts: env.LOCKOUT_ATTEMPTS,
      lockoutMinutes: env.LOCKOUT_MINUTES,
      passwordMinLength: env.PASSWORD_MIN_LENGTH,
      passwordCharacterClasses: env.PASSWORD_CHARACTER_CLASSES,
      passwordMaxAgeDays: env.PASSWORD_MAX_AGE_DAYS,
      cookieSecure: env.COOKIE_SECURE,
    },
    trustProxy: env.TRUST_PROXY,
    loginAttemptsPerMinute: env.LOGIN_ATTEMPTS_PER_MINUTE,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    demo: env.DEMO,
    mapTileUrl: env.MAP_TILE_URL ?? null,
    privacy: {
      fieldKeys: env.FIELD_KEYS ?? null,
      fieldKeysFile: resolve(env.FIELD_KEYS_FILE ?? join(env.DATA_DIR, "keys", "field-keys")),
      blindIndexKey: env.BLIND_INDEX_KEY ?? null,
      blindIndexKeyFile: resolve(env.BLIND_INDEX_KEY_FILE ?? join(env.DATA_DIR, "keys", "blind-index-key")),
    },
    insightsRefreshSeconds: env.INSIGHTS_REFRESH_SECONDS,
    cases: {
      filesDir: resolve(env.FILES_DIR ?? join(env.DATA_DIR, "files")),
      s3: env.S3_ENDPOINT
        ? {
            endpoint: env.S3_ENDPOINT,
            bucket: env.S3_BUCKET ?? "",
            region: env.S3_REGION,
            accessKey: env.S3_ACCESS_KEY ?? "",
            secretKey: env.S3_SECRET_KEY ?? "",
          }
        : null,
      photoMaxBytes: env.CASE_PHOTO_MAX_BYTES,
      duplicateRadiusMetres: env.CASE_DUPLICATE_RADIUS_METRES,
      duplicateWindowHours: env.CASE_DUPLICATE_WINDOW_HOURS,
      escalationIntervalSeconds: env.CASE_ESCALATION_INTERVAL_SECONDS,
      publicRequestsPerMinute: env.PUBLIC_REQUESTS_PER_MINUTE,
    },
    webDist: env.WEB_DIST === undefined ? defaultWebDist : env.WEB_DIST === "none" ? null : resolve(env.WEB_DIST),
  };
}
