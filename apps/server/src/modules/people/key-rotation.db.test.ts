import type { Permission } from "@linli/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { rowsOf } from "../../db/migrate.js";
import type { Actor } from "../../platform/auth/actor.js";
import { FieldCipher, parseFieldKeys } from "../../platform/privacy/field-cipher.js";
import type { PrivacyKeys } from "../../platform/privacy/keys.js";
import { createServices } from "../../services.js";
import { testPrivacyKeys } from "../../test/keys.js";
import { buildPeopleWorld, idNumbers, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
const { session, cases } = loadConfig({});
const newKey = `k2027:${Buffer.alloc(32, 42).toString("base64")}`;
const keysWith = (fieldKeys: string): PrivacyKeys => ({
  cipher: new FieldCipher(parseFieldKeys(fieldKeys)),
  blindIndexKey: testPrivacyKeys.blindIndexKey,
});
const actorOf = (userId: string, username: string, permissions: Permission[]): Actor => ({
  userId,
  username,
  displayName: username,
  roles: [],
  permissions,
  scope: { regions: ["430405009009"], grids: [] },
  twoFactor: { enabled: false, required: false },
  mustChangePassword: false,
});

beforeAll(async () => {
  world = await buildPeopleWorld(context);
});

describe("key rotation", () => {
  it("re-seals every value under the new key; the old key can then go and every number still opens", async () => {
    for (const [name, idNumber, phone] of [
      ["张建国", idNumbers.zhang, "13800131234"],
      ["李秀英", idNumbers.li, undefined],
    ] as const) {
      const response = await context.app.inject({
        method: "POST",
        url: "/api/residents",
        headers: sessionHeaders(world.sessions.chief),
        payload: { name, idNumber, phone, dwellingId: world.dwellings.a101.id },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    // A resident's report of a case keeps their phone sealed too.
    const report = await context.app.inject({
      method: "POST",
      url: "/api/public/cases",
      payload: {
        categoryCode: "community.livelihood.other",
        description: "楼道灯坏了",
        regionCode: "430405009009",
        reporterPhone: "13900139000",
      },
    });
    expect(report.statusCode, report.body).toBe(201);
    const sealedKeys = async () =>
      rowsOf<{ key: string }>(
        await context.database.handle.db.execute(
          sql`select distinct split_part(sealed, '.', 2) as key from (select id_number_sealed as sealed from residents union all select phone_sealed from residents union all select reporter_phone_sealed from cases) s where sealed is not null`,
        ),
      ).map((row) => row.key);
    expect(await sealedKeys()).toEqual(["test2026"]);

    // Rotation: the new key first, the old one still listed; re-seal; then the old one removed.
    const rotating = createServices(context.database.handle.db, {
      session,
      cases,
      keys: keysWith(`${newKey},test2026:${Buffer.alloc(32, 7).toString("base64")}`),
    });
    expect(await rotating.residents.resealStale(1)).toBe(2);
    expect(await rotating.cases.resealStale()).toBe(1);
    expect(await sealedKeys()).toEqual(["k2027"]);
    expect(await rotating.residents.resealStale()).toBe(0);

    const rotated = createServices(context.database.handle.db, { session, cases, keys: keysWith(newKey) });
    const [chiefRow] = rowsOf<{ id: string }>(
      await context.database.handle.db.execute(sql`select id from users where username = 'chief'`),
    );
    const chief = actorOf(chiefRow?.id as string, "chief", ["people.read", "people.reveal"]);
    const page = await rotated.residents.search(chief, { limit: 10, q: idNumbers.zhang }, { ip: null });
    expect(page.items.map((resident) => resident.name)).toEqual(["张建国"]);
    const revealed = await rotated.residents.reveal(
      chief,
      page.items[0]?.id as string,
      { fields: ["idNumber", "phone"], reason: "密钥轮换后核验" },
      { ip: null },
    );
    expect(revealed).toEqual({ idNumber: idNumbers.zhang, phone: "13800131234" });
  });
});
