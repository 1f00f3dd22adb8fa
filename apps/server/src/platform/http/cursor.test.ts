import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("cursor", () => {
  it("round-trips a keyset position, Chinese text included", () => {
    const cursor = encodeCursor({ username: "张伟&x=1" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ["username"])).toEqual({ username: "张伟&x=1" });
  });

  it.each(["!!!", encodeCursor({ other: "x" }), Buffer.from("[1]").toString("base64url"), ""])(
    "refuses %j naming the cursor",
    (bad) => {
      try {
        decodeCursor(bad, ["username"]);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).fieldErrors).toEqual([{ in: "query", field: "cursor", code: "malformed" }]);
      }
    },
  );
});
