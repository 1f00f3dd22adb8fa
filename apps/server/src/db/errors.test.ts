import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isUniqueViolation, uniqueViolationTable } from "./errors.js";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a server shutting down, refusing or out of connections, directly or wrapped by Drizzle", () => {
    expect(isDatabaseUnavailable(withCode("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("57P03", "the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("08006"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("53300"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: withCode("ECONNREFUSED") }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("leaves a wrong query or a broken rule to be what it is", () => {
    expect(isDatabaseUnavailable(withCode("23505"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("42P01", 'relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isUniqueViolation(new Error("Failed query", { cause: withCode("23505") }))).toBe(true);
  });
});

describe("uniqueViolationTable", () => {
  it("names the table of a unique violation, directly or wrapped by Drizzle, and nothing for other errors", () => {
    const duplicate = Object.assign(withCode("23505"), { table: "idempotency_keys" });
    expect(uniqueViolationTable(duplicate)).toBe("idempotency_keys");
    expect(uniqueViolationTable(new Error("Failed query", { cause: duplicate }))).toBe("idempotency_keys");
    expect(uniqueViolationTable(Object.assign(withCode("23503"), { table: "cases" }))).toBeUndefined();
    expect(uniqueViolationTable(new Error("no database here"))).toBeUndefined();
  });
});
