import { permissions, roles } from "@linli/contracts";
import { describe, expect, it } from "vitest";
import { menuEntries } from "../ui/menu";
import { en } from "./en";
import { zhCN } from "./zh-CN";

function keys(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === "string" ? [`${prefix}${key}`] : keys(child as object, `${prefix}${key}.`),
  );
}

function lookup(messages: object, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe("interface text", () => {
  it("has the same keys in zh-CN and English, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const key of keys(en)) {
      expect(String(lookup(en, key)).trim(), key).not.toBe("");
      expect(String(lookup(zhCN, key)).trim(), key).not.toBe("");
    }
  });

  it("names every role and menu entry in both languages", () => {
    for (const role of roles) {
      expect(lookup(zhCN, `roles.${role}`), role).toBeTypeOf("string");
      expect(lookup(en, `roles.${role}`), role).toBeTypeOf("string");
    }
    for (const entry of menuEntries) expect(lookup(en, entry.labelKey), entry.labelKey).toBeTypeOf("string");
    for (const permission of permissions) {
      const key = `permissions.names.${permission.replaceAll(".", "_")}`;
      expect(lookup(zhCN, key), key).toBeTypeOf("string");
      expect(lookup(en, key), key).toBeTypeOf("string");
    }
  });

  it("has no Chinese left in the English text", () => {
    expect(JSON.stringify(en)).not.toMatch(/\p{Script=Han}/u);
  });
});
