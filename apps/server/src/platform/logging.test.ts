import { describe, expect, it } from "vitest";
import { serializeError } from "./logging.js";

describe("serializeError", () => {
  it("drops PostgreSQL's detail, which may quote personal data", () => {
    const error = Object.assign(new Error("duplicate key value violates unique constraint"), {
      code: "23505",
      detail: "Key (phone)=(13812345678) already exists.",
    });
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain("23505");
    expect(logged).not.toContain("13812345678");
  });

  it("keeps a failed query's SQL but not its parameters", () => {
    const error = Object.assign(new Error("Failed query: select 1 where id = $1\nparams: 430102199001011234"), {
      name: "DrizzleQueryError",
      query: "select 1 where id = $1",
      params: ["430102199001011234"],
      cause: new Error("boom"),
    });
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain("select 1 where id = $1");
    expect(logged).not.toContain("430102199001011234");
  });
});
