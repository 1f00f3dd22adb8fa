import { describe, expect, it } from "vitest";
import { type AuditContent, chainHashOf, contentHashOf, genesisHash } from "./audit-hash.js";

const content: AuditContent = {
  id: "01a2258f-bd97-74a6-8f0f-68ce3c9c8a1f",
  occurredAt: new Date("2026-11-29T04:30:00.123Z"),
  actorUserId: null,
  actorUsername: "admin",
  actorRoles: ["system_admin"],
  ip: "127.0.0.1",
  action: "identity.sign_in",
  entityType: "user",
  entityId: null,
  result: "success",
  reason: null,
};

describe("audit hashes", () => {
  it("are stable hex SHA-256 of the content", () => {
    expect(contentHashOf(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHashOf({ ...content })).toBe(contentHashOf(content));
  });

  it("change when any field changes, including null versus empty", () => {
    const base = contentHashOf(content);
    expect(contentHashOf({ ...content, result: "invalid_credentials" })).not.toBe(base);
    expect(contentHashOf({ ...content, occurredAt: new Date("2026-11-29T04:30:00.124Z") })).not.toBe(base);
    expect(contentHashOf({ ...content, reason: "" })).not.toBe(base);
    expect(contentHashOf({ ...content, actorRoles: [] })).not.toBe(base);
  });

  it("chain each row to its position and predecessor", () => {
    const hash = contentHashOf(content);
    expect(chainHashOf(1, genesisHash, hash)).not.toBe(chainHashOf(2, genesisHash, hash));
    expect(chainHashOf(1, genesisHash, hash)).not.toBe(chainHashOf(1, "f".repeat(64), hash));
  });
});
