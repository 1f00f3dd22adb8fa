import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to PGlite in ./data on localhost:3000", () => {
    const config = loadConfig({});
    expect(config.database).toMatchObject({ engine: "pglite" });
    expect(config.database.engine === "pglite" && config.database.dataDir).toMatch(/\/data$/);
    expect(config).toMatchObject({ host: "localhost", port: 3000, session: { idleMinutes: 30, absoluteHours: 12 } });
  });

  it("uses PostgreSQL when DATABASE_URL is set, and treats an empty one as unset", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@db/linli" }).database).toEqual({
      engine: "postgres",
      url: "postgres://u@db/linli",
      poolSize: 10,
    });
    expect(loadConfig({ DATABASE_URL: "" }).database.engine).toBe("pglite");
  });

  it("names every bad variable", () => {
    expect(() => loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", SESSION_IDLE_MINUTES: "0" })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*SESSION_IDLE_MINUTES|DATABASE_URL[\s\S]*PORT/,
    );
  });

  it("keeps uploaded files under DATA_DIR, or in an S3-compatible store given its bucket and keys", () => {
    expect(loadConfig({ DATA_DIR: "/srv/linli" }).cases).toMatchObject({ filesDir: "/srv/linli/files", s3: null });
    expect(() => loadConfig({ S3_ENDPOINT: "https://oss-cn-hangzhou.aliyuncs.com" })).toThrow(
      /S3_BUCKET[\s\S]*S3_ACCESS_KEY[\s\S]*S3_SECRET_KEY/,
    );
    const s3 = loadConfig({ S3_ENDPOINT: "http://127.0.0.1:9000", S3_BUCKET: "linli", S3_ACCESS_KEY: "a", S3_SECRET_KEY: "b" });
    expect(s3.cases.s3).toEqual({
      endpoint: "http://127.0.0.1:9000",
      bucket: "linli",
      region: "us-east-1",
      accessKey: "a",
      secretKey: "b",
    });
  });
});
