import type { FraudCampaign, FraudImportReport, FraudProgress, FraudWarning, FraudYear, Problem } from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { localDate } from "../../platform/time/local-date.js";
import { buildPeopleWorld, clearPeople, gridOne, gridTwo, idNumbers, kuihuali, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
let people: { zhang: string; li: string; wang: string; chen: string };
const _today = localDate(new Date());
const township = kuihuali.slice(0, 9);

const send = (session: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const ok = async <T>(session: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) => {
  const response = await send(session, method, url, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json<T>();
};
const problems = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => `${field} ${code}`);
const count = async (table: string) =>
  rowsOf<{ n: number }>(await context.database.handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;
const userId = async (username: string) =>
  rowsOf<{ id: string }>(await context.database.handle.db.execute(sql`select id from users where username = ${username}`))[0]
    ?.id ?? "";

type ListRow = Partial<Record<"姓名" | "身份证号" | "手机号" | "预警原因" | "劝阻期限", string>>;

/** The police's list as they send it: sheet 预警名单, a header row, one person per row. */
async function workbook(rows: ListRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("预警名单");
  const headers = ["姓名", "身份证号", "手机号", "预警原因", "劝阻期限"] as const;
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow(headers.map((header) => row[header] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const importList = (
  campaignId: string,
  file: Buffer,
  query = "",
  type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  session = world.sessions.police,
) =>
  context.app.inject({
    method: "POST",
    url: `/api/fraud-campaigns/${campaignId}/list${query}`,
    headers: { ...sessionHeaders(session), "content-type": type },
    payload: file,
  });

const campaign = (session: string, regionCode: string, title = "冬季反诈上门劝阻") =>
  ok<FraudCampaign>(session, "POST", "/api/fraud-campaigns", {
    regionCode,
    title,
    startsOn: "2025-01-01",
    deadline: "2099-12-31",
  });

beforeAll(async () => {
  world = await buildPeopleWorld(context);
  for (const [username, grid] of [
    ["member.one", gridOne],
    ["member.two", gridTwo],
  ] as const)
    await ok(world.admin, "POST", "/api/grid-staff", {
      regionCode: kuihuali,
      gridCode: grid,
      userId: await userId(username),
      post: "grid_member",
      from: "2020-01-01",
    });
});

beforeEach(async () => {
  const { db } = context.database.handle;
  for (const table of ["fraud_warnings", "fraud_campaigns", "fraud_years"]) await db.execute(sql.raw(`delete from ${table}`));
  await clearPeople(context.database);
  const resident = (name: string, idNumber: string | undefined, dwellingId: string, phone?: string) =>
    ok<{ id: string }>(world.sessions.chief, "POST", "/api/residents", {
      name,
      dwellingId,
      ...(idNumber ? { idNumber } : { gender: "female", birthDate: "1990-01-01" }),
      ...(phone ? { phone } : {}),
    });
  people = {
    zhang: (await resident("张建国", idNumbers.zhang, world.dwellings.a101.id, "13800001111")).id,
    li: (await resident("李秀兰", idNumbers.li, world.dwellings.a102.id, "13800002222")).id,
    wang: (await resident("王晓梅", idNumbers.wang, world.dwellings.b101.id, "13800003333")).id,
    // Two people sharing a phone number: the phone alone cannot tell them apart.
    chen: (await resident("陈小芳", idNumbers.chen, world.dwellings.a201.id, "13800004444")).id,
  };
  await resident("陈小燕", undefined, world.dwellings.a201.id, "13800004444");
});

describe("anti-fraud campaigns (反诈 上门预警劝阻)", () => {
  const goodRows: ListRow[] = [
    { 姓名: "张建国", 身份证号: idNumbers.zhang, 预警原因: "近期接触“刷单返利”诈骗" },
    { 姓名: "李秀兰", 手机号: "138 0000 2222", 预警原因: "疑似冒充客服来电", 劝阻期限: "2099/6/30" },
    { 姓名: "王晓梅", 身份证号: idNumbers.wang, 预警原因: "下载可疑投资 App" },
  ];
  const badRows: ListRow[] = [
    { 姓名: "错号", 身份证号: "430405198001010018", 预警原因: "x" },
    { 姓名: "无此人", 身份证号: "430405199003070018", 预警原因: "x" },
    { 姓名: "张建军", 身份证号: idNumbers.zhang, 预警原因: "x" },
    { 姓名: "陈小芳", 手机号: "13800004444", 预警原因: "x" },
    { 姓名: "没号码", 预警原因: "x" },
    { 姓名: "王晓梅", 身份证号: idNumbers.wang, 预警原因: "重复一行" },
    { 姓名: "李秀兰", 身份证号: idNumbers.li, 预警原因: "x", 劝阻期限: "明天" },
  ];

  it("refuses a list with bad rows whole, naming each row and why, and writes nothing", async () => {
    const { id } = await campaign(world.sessions.police, kuihuali);
    const response = await importList(id, await workbook([...goodRows, ...badRows]));
    expect(response.statusCode, response.body).toBe(400);
    expect(problems(response)).toEqual([
      "rows.5.idNumber id_check_digit",
      "rows.6.idNumber unknown_person",
      "rows.7.name name_mismatch",
      "rows.8.phone ambiguous_phone",
      "rows.9.idNumber id_or_phone_required",
      "rows.10.idNumber same_person_as_row",
      "rows.11.deadline not_a_date",
    ]);
    expect(await count("fraud_warnings")).toBe(0);
  });

  it("applies the valid rows when asked, reports the others, and adds nothing twice", async () => {
    const { id } = await campaign(world.sessions.police, kuihuali);
    const file = await workbook([...goodRows, ...badRows]);
    const dry = await importList(id, file, "?mode=valid_rows&dryRun=true");
    expect(dry.json<FraudImportReport>()).toMatchObject({ dryRun: true, rows: 10, created: 3, alreadyListed: 0 });
    expect(await count("fraud_warnings")).toBe(0);

    const applied = await importList(id, file, "?mode=valid_rows");
    expect(applied.statusCode, applied.body).toBe(200);
    const report = applied.json<FraudImportReport>();
    expect(report).toMatchObject({ dryRun: false, mode: "valid_rows", rows: 10, created: 3, alreadyListed: 0, unassigned: 0 });
    expect(report.refused.map(({ row, field, code }) => `${row} ${field} ${code}`)).toEqual([
      "5 idNumber id_check_digit",
      "6 idNumber unknown_person",
      "7 name name_mismatch",
      "8 phone ambiguous_phone",
      "9 idNumber id_or_phone_required",
      "10 idNumber same_person_as_row",
      "11 deadline not_a_date",
    ]);
    expect(report.refused[1]?.message).toBe("本次行动范围内的实有人口中没有此人");
    expect(report.refused[5]?.message).toBe("与第 4 行是同一人");

    const again = (await importList(id, file, "?mode=valid_rows")).json<FraudImportReport>();
    expect(again).toMatchObject({ created: 0, alreadyListed: 3 });
    expect(await count("fraud_warnings")).toBe(3);
    // The list's numbers are not kept: the warning points at the registry's record.
    const stored = rowsOf<Record<string, unknown>>(await context.database.handle.db.execute(sql`select * from fraud_warnings`));
    expect(JSON.stringify(stored)).not.toContain(idNumbers.zhang);
    expect(JSON.stringify(stored)).not.toContain("13800002222");
  });

  it("gives each person to their grid's member, who records the outcome; progress counts per community", async () => {
    const { id } = await campaign(world.sessions.township, township, "街道反诈预警");
    // The campaign covers the township: its administrator imports; the community's police liaison may not.
    expect((await importList(id, await workbook(goodRows))).statusCode).toBe(403);
    const imported = await importList(id, await workbook(goodRows), "", undefined, world.sessions.township);
    expect(imported.statusCode, imported.body).toBe(200);

    const mine = (await ok<{ items: FraudWarning[] }>(world.sessions.member, "GET", "/api/fraud-warnings?view=mine")).items;
    expect(mine.map((warning) => [warning.name, warning.status, warning.deadline]).sort()).toEqual([
      ["张建国", "open", "2099-12-31"],
      ["李秀兰", "open", "2099-06-30"],
    ]);
    const two = (await ok<{ items: FraudWarning[] }>(world.sessions.memberTwo, "GET", "/api/fraud-warnings?view=mine")).items;
    expect(two.map((warning) => warning.name)).toEqual(["王晓梅"]);

    const zhang = mine.find((warning) => warning.name === "张建国") as FraudWarning;
    const li = mine.find((warning) => warning.name === "李秀兰") as FraudWarning;
    // Another grid's member may not touch it; "not reached" needs a reason.
    expect(
      (await send(world.sessions.memberTwo, "POST", `/api/fraud-warnings/${zhang.id}/outcome`, { outcome: "warned" })).statusCode,
    ).toBe(404);
    const noReason = await send(world.sessions.member, "POST", `/api/fraud-warnings/${li.id}/outcome`, {
      outcome: "not_reached",
    });
    expect(problems(noReason)).toEqual(["note required"]);

    const done = await ok<FraudWarning>(world.sessions.member, "POST", `/api/fraud-warnings/${zhang.id}/outcome`, {
      outcome: "dissuaded",
      note: "已讲解刷单诈骗手法，本人表示不再参与",
    });
    expect(done).toMatchObject({ status: "dissuaded", note: "已讲解刷单诈骗手法，本人表示不再参与" });
    const again = await send(world.sessions.member, "POST", `/api/fraud-warnings/${zhang.id}/outcome`, { outcome: "warned" });
    expect(again.statusCode).toBe(409);
    await ok(world.sessions.member, "POST", `/api/fraud-warnings/${li.id}/outcome`, {
      outcome: "not_reached",
      note: "两次上门无人",
    });
    // Not reached may be followed by a later visit that reaches her.
    await ok(world.sessions.member, "POST", `/api/fraud-warnings/${li.id}/outcome`, { outcome: "warned", note: "第三次上门" });

    const progress = await ok<FraudProgress>(world.sessions.township, "GET", `/api/fraud-campaigns/${id}/progress`);
    expect(progress).toEqual({
      groupedBy: "community",
      items: [
        {
          regionCode: kuihuali,
          regionName: expect.any(String),
          total: 3,
          dissuaded: 1,
          warned: 1,
          notReached: 0,
          open: 1,
          overdue: 0,
          reachedRate: 66.7,
        },
      ],
    });
    const listed = await ok<FraudCampaign>(world.sessions.chief, "GET", `/api/fraud-campaigns/${id}`);
    expect(listed).toMatchObject({ warnings: 3, done: 2, regionCode: township });

    // Both lists export to Excel, in the reader's language.
    const sheetOf = async (url: string) => {
      const response = await send(world.sessions.township, "GET", url);
      expect(response.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
      return book.worksheets[0]
        ?.getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));
    };
    const warningsSheet = await sheetOf(`/api/fraud-warnings/export?view=campaign&campaignId=${id}`);
    expect(warningsSheet?.[0]).toEqual(["姓名", "住址", "网格", "预警原因", "期限", "状态", "情况说明"]);
    expect(warningsSheet?.slice(1).map((row) => [row[0], row[5]])).toEqual([
      // Open ones first, then by deadline.
      ["王晓梅", "待上门"],
      ["李秀兰", "已预警"],
      ["张建国", "已劝阻"],
    ]);
    const progressSheet = await sheetOf(`/api/fraud-campaigns/${id}/progress/export`);
    expect(progressSheet?.[1]?.slice(1)).toEqual([kuihuali, 3, 1, 1, 0, 1, 0, 66.7]);
  });

  it("groups a county's campaign by township", async () => {
    // A township's administrator cannot start a county's campaign: it reaches beyond their area.
    const wide = await send(world.sessions.township, "POST", "/api/fraud-campaigns", {
      regionCode: "430405",
      title: "全区",
      startsOn: "2025-01-01",
      deadline: "2099-12-31",
    });
    expect(wide.statusCode).toBe(403);
    await context.database.handle.db.execute(sql`insert into fraud_campaigns (id, region_code, title, starts_on, deadline)
      values ('0190f0f0-0000-7000-8000-000000000001', '430405', '珠晖区反诈', '2025-01-01', '2099-12-31')`);
    const countyId = "0190f0f0-0000-7000-8000-000000000001";
    await context.database.handle.db.execute(sql`insert into fraud_warnings (id, campaign_id, resident_id, region_code, grid_code, reason, deadline)
      values ('0190f0f0-0000-7000-8000-000000000002', ${countyId}, ${people.zhang}, ${kuihuali}, ${gridOne}, 'x', '2000-01-01')`);
    const progress = await ok<FraudProgress>(world.sessions.chief, "GET", `/api/fraud-campaigns/${countyId}/progress`);
    expect(progress.groupedBy).toBe("township");
    expect(progress.items.map(({ regionCode, total, overdue }) => ({ regionCode, total, overdue }))).toEqual([
      { regionCode: township, total: 1, overdue: 1 },
    ]);
  });

  it("reads a CSV list too, in UTF-8 with a BOM or in the GB 18030 Excel saves on Chinese Windows", async () => {
    const { id } = await campaign(world.sessions.police, kuihuali);
    const csv = `姓名,身份证号,手机号,预警原因,劝阻期限\n王晓梅,${idNumbers.wang},,可疑来电,2099-03-01\n李秀兰,,13800002222,可疑短信,\n`;
    const utf8 = await importList(id, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), "", "text/csv");
    expect(utf8.json<FraudImportReport>()).toMatchObject({ created: 2, refused: [] });
    // "姓名,身份证号,手机号,预警原因,劝阻期限\n张建国,<id>,,疑似诈骗来电,\n" in GB 18030 (Python's codec wrote the bytes).
    const gb = Buffer.from(
      "d0d5c3fb2cc9edb7ddd6a4bac52ccad6bbfabac52cd4a4beafd4add2f22cc8b0d7e8c6dacfde0ad5c5bda8b9fa2c" +
        Buffer.from(idNumbers.zhang).toString("hex") +
        "2c2cd2c9cbc6d5a9c6adc0b4b5e72c0a",
      "hex",
    );
    const gbReport = (await importList(id, gb, "", "text/csv")).json<FraudImportReport>();
    expect(gbReport).toMatchObject({ created: 1, alreadyListed: 0, refused: [] });
    const names = (
      await ok<{ items: FraudWarning[] }>(world.sessions.police, "GET", `/api/fraud-warnings?view=campaign&campaignId=${id}`)
    ).items
      .map((warning) => warning.name)
      .sort();
    expect(names).toEqual(["张建国", "李秀兰", "王晓梅"].sort());
  });

  it("refuses a file that is neither a workbook nor a table, and a grid member who would start a campaign", async () => {
    const { id } = await campaign(world.sessions.police, kuihuali);
    expect(problems(await importList(id, Buffer.from("PK\u0003\u0004 broken")))).toEqual(["body not_a_table"]);
    expect(problems(await importList(id, Buffer.from("a,b\n1,2\n"), "", "text/csv"))).toEqual([
      "rows.1.name missing_column",
      "rows.1.reason missing_column",
    ]);
    expect(
      (
        await send(world.sessions.member, "POST", "/api/fraud-campaigns", {
          regionCode: kuihuali,
          title: "x",
          startsOn: "2025-01-01",
          deadline: "2025-02-01",
        })
      ).statusCode,
    ).toBe(403);
    const backwards = await send(world.sessions.police, "POST", "/api/fraud-campaigns", {
      regionCode: kuihuali,
      title: "x",
      startsOn: "2025-02-01",
      deadline: "2025-01-01",
    });
    expect(problems(backwards)).toEqual(["deadline before_start"]);
  });
});

describe("yearly figures (破案、抓获、止付冻结)", () => {
  it("computes each year's change on the year before, exactly on the fen", async () => {
    const put = (year: number, body: object) => send(world.sessions.police, "PUT", `/api/fraud-years/${kuihuali}/${year}`, body);
    expect((await put(2022, { casesSolved: 27, arrests: 89, fundsStoppedYuan: 14_600_000 })).statusCode).toBe(200);
    const entered = (await put(2023, { casesSolved: 151, arrests: 357, fundsStoppedYuan: 39_430_000 })).json<FraudYear>();
    expect(entered).toMatchObject({
      year: 2023,
      casesSolved: 151,
      arrests: 357,
      fundsStoppedYuan: 39_430_000,
      change: { casesSolved: 459.3, arrests: 301.1, fundsStoppedYuan: 170.1 },
    });
    // A correction replaces the year; the following year's change follows it.
    await put(2022, { casesSolved: 30, arrests: 89, fundsStoppedYuan: 14_600_000.55 });
    const years = await ok<{ items: FraudYear[] }>(world.sessions.chief, "GET", `/api/fraud-years?regionCode=${kuihuali}`);
    expect(years.items.map((year) => [year.year, year.fundsStoppedYuan, year.change.casesSolved])).toEqual([
      [2023, 39_430_000, 403.3],
      [2022, 14_600_000.55, null],
    ]);
    expect(years.items[0]?.change.fundsStoppedYuan).toBe(170.1);
    const exported = await send(world.sessions.chief, "GET", `/api/fraud-years/export?regionCode=${kuihuali}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0]?.getRow(2).values).toEqual([undefined, 2023, 151, 403.3, 357, 301.1, 39_430_000, 170.1]);
  });

  it("refuses negative counts, fractions of a fen, and someone who does not enter them", async () => {
    const bad = await send(world.sessions.police, "PUT", `/api/fraud-years/${kuihuali}/2024`, {
      casesSolved: -1,
      arrests: 1.5,
      fundsStoppedYuan: 10.001,
    });
    expect(problems(bad)?.sort()).toEqual(
      ["arrests invalid_type", "casesSolved too_small_number", "fundsStoppedYuan not_multiple_of"].sort(),
    );
    const member = await send(world.sessions.member, "PUT", `/api/fraud-years/${kuihuali}/2024`, {
      casesSolved: 1,
      arrests: 1,
      fundsStoppedYuan: 1,
    });
    expect(member.statusCode).toBe(403);
    expect(await count("fraud_years")).toBe(0);
  });
});
