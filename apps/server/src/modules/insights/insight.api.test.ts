import type { Overview, Role } from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { yearOnYear } from "../../platform/stats/rates.js";
import { localDate } from "../../platform/time/local-date.js";
import { buildUser } from "../../test/builders.js";
import { addVisitTasksAndDisputes, generateSmallCity } from "../../test/small-city.js";
import { buildTestApp, sessionHeaders, signIn } from "../../test/test-app.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { InsightService } from "./insight.service.js";

// The real clock: the test accounts' second factor is checked against it. The generated city's
// three years end today, and every expectation is reckoned from the overview's own `today`.
const now = new Date();
const today = localDate(now);
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));
const pad = (value: number) => String(value).padStart(2, "0");
/** The first instant of a month in China (month 13 is January of the next year). */
const monthStart = (y: number, m: number) => (m > 12 ? `${y + 1}-01-01T00:00+08:00` : `${y}-${pad(m)}-01T00:00+08:00`);
let database: TestDatabase;
let db: Database;
let app: FastifyInstance;
let insights: InsightService;
let community: string;
let grid: string;
let otherGrid: string;

const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: string }>(await db.execute(query))[0]?.n);

async function signInAs(roles: Role[], scope: { regions: string[]; grids: string[] }) {
  const username = `overview-${Math.random().toString(36).slice(2, 10)}`;
  const { password } = await buildUser(db, { username, roles, scope });
  return sessionHeaders(await signIn(app, username, password));
}

async function overview(headers: Record<string, string>, query = ""): Promise<Overview> {
  const response = await app.inject({ method: "GET", url: `/api/insights/overview${query}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  database = await openTestDatabase(undefined, { role: null });
  db = database.handle.db;
  await generateSmallCity(database, now);
  await addVisitTasksAndDisputes(database, today);
  app = await buildTestApp(database.handle);
  insights = new InsightService(db);
  await insights.refresh();
  const grids = rowsOf<{ code: string; region_code: string }>(
    await db.execute(sql`select code, region_code from grids order by code`),
  );
  community = grids[0]?.region_code ?? "";
  grid = grids[0]?.code ?? "";
  otherGrid = grids.find((row) => row.region_code !== community)?.code ?? "";
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("GET /api/insights/overview", () => {
  it("shows a city administrator the city's residents, cases and disputes as the tables count them, with the counties below", async () => {
    const headers = await signInAs(["city_admin"], { regions: ["4304"], grids: [] });
    const city = await overview(headers);
    expect(city.place).toEqual({ level: "city", code: "4304", name: "衡阳市" });
    expect(city.path).toEqual([]);
    expect(city.today).toBe(today);
    expect(city.asOf).not.toBeNull();
    const residents = await count(sql`select count(*) as n from residents where living_status in ('present', 'away')`);
    expect(city.people?.residents).toBe(residents);
    expect(city.people?.households).toBe(await count(sql`select count(*) as n from households where ended_at is null`));
    expect(city.people?.tags.find((entry) => entry.tag === "elderly_living_alone")?.count).toBe(
      await count(
        sql`select count(*) as n from residents where living_status in ('present', 'away') and 'elderly_living_alone' = any(tags)`,
      ),
    );
    // A city administrator holds no register's permission: no register is counted for them.
    expect(city.people?.registers).toEqual([]);
    expect(city.cases?.open).toBe(
      await count(sql`select count(*) as n from cases where status not in ('closed', 'rated', 'rejected', 'merged')`),
    );
    const reported = (from: string, to: string) =>
      count(sql`select count(*) as n from cases where status <> 'merged'
        and reported_at >= ${from}::timestamptz and reported_at < ${to}::timestamptz`);
    const thisMonth = await reported(monthStart(year, month), monthStart(year, month + 1));
    expect(thisMonth).toBeGreaterThan(0);
    expect(city.cases?.reportedThisMonth).toBe(thisMonth);
    const thisYear = await reported(monthStart(year, 1), monthStart(year, month + 1));
    const lastYear = await reported(monthStart(year - 1, 1), monthStart(year - 1, month + 1));
    expect(city.cases?.yearToDate.reported).toBe(thisYear);
    expect(city.cases?.lastYearToDate.reported).toBe(lastYear);
    expect(city.cases?.reportedYearToDateChange).toBe(yearOnYear(thisYear, lastYear));
    expect(city.months.map((entry) => entry.month)).toEqual(Array.from({ length: month }, (_, i) => `${year}-${pad(i + 1)}`));
    expect(city.months.reduce((total, entry) => total + (entry.casesReported ?? 0), 0)).toBe(thisYear);

    const quarterTasks = (extra: ReturnType<typeof sql>) =>
      count(sql`select count(*) as n from visit_tasks
        where due_date between date_trunc('quarter', ${today}::date) and date_trunc('quarter', ${today}::date) + interval '3 months' - interval '1 day' ${extra}`);
    const due = await quarterTasks(sql``);
    expect(due).toBeGreaterThan(0);
    expect(city.visits).toMatchObject({
      due,
      done: await quarterTasks(sql`and done_at is not null`),
      overdue: await quarterTasks(sql`and done_at is null and due_date < ${today}::date`),
    });

    // The counties below add up to the city.
    expect(city.children.length).toBeGreaterThan(0);
    expect(city.children.every((child) => child.level === "county" && child.name !== child.code)).toBe(true);
    expect(city.children.reduce((total, child) => total + (child.residents ?? 0), 0)).toBe(residents);
  });

  it("gives the same rates as the evaluation tables (综合评价) for this year's cases", async () => {
    const headers = await signInAs(["city_admin"], { regions: ["4304"], grids: [] });
    const city = await overview(headers);
    const response = await app.inject({
      method: "GET",
      url: `/api/cases/evaluation?groupBy=month&from=${year}-01-01&to=${today}`,
      headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { total } = response.json();
    const rates = city.cases?.yearToDate;
    expect(rates?.reported).toBe(total.cases);
    expect(rates?.onTimeRate).toBe(total.onTimeRate);
    expect(rates?.closureRate).toBe(total.closureRate);
    expect(rates?.reworkRate).toBe(total.reworkRate);
    expect(rates?.satisfactionRate).toBe(total.satisfactionRate);
    expect(rates?.satisfactionRate).not.toBeNull();
  });

  it("gives the same mediation success rate as the dispute register for this year's disputes", async () => {
    const headers = await signInAs(["city_admin"], { regions: ["4304"], grids: [] });
    const atCommunity = await overview(headers, `?area=${community}`);
    const response = await app.inject({
      method: "GET",
      url: `/api/disputes/stats?regionCode=${community}&from=${year}-01-01&to=${today}`,
      headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const [stats] = response.json().items;
    expect(stats.successRate).not.toBeNull();
    expect(atCommunity.disputes?.reportedThisYear).toBe(stats.received);
    expect(atCommunity.disputes?.open).toBeGreaterThanOrEqual(stats.open);
    // The register gives a percentage with one decimal; the overview a share.
    expect(
      atCommunity.disputes?.successRate === null ? null : Math.round((atCommunity.disputes?.successRate ?? 0) * 1000) / 10,
    ).toBe(stats.successRate);
  });

  it("walks down from a county to a community's grids and to one grid, with the way back up", async () => {
    const headers = await signInAs(["city_admin"], { regions: ["4304"], grids: [] });
    const county = await overview(headers, `?area=${community.slice(0, 6)}`);
    expect(county.place.level).toBe("county");
    expect(county.path.map((place) => place.code)).toEqual(["4304"]);
    expect(county.children.every((child) => child.level === "township")).toBe(true);

    const atCommunity = await overview(headers, `?area=${community}`);
    expect(atCommunity.path.map((place) => place.level)).toEqual(["city", "county", "township"]);
    expect(atCommunity.children.map((child) => child.level)).toContain("grid");
    expect(atCommunity.children.map((child) => child.code)).toContain(grid);

    const atGrid = await overview(headers, `?grid=${grid}`);
    expect(atGrid.place).toMatchObject({ level: "grid", code: grid });
    expect(atGrid.path.map((place) => place.level)).toEqual(["city", "county", "township", "community"]);
    expect(atGrid.children).toEqual([]);
    expect(atGrid.people?.residents).toBe(
      await count(sql`select count(*) as n from residents where grid_code = ${grid} and living_status in ('present', 'away')`),
    );
    expect(atCommunity.children.find((child) => child.code === grid)?.residents).toBe(atGrid.people?.residents);
  });

  it("keeps a grid leader to their grid: elsewhere answers 404, as if it did not exist", async () => {
    const headers = await signInAs(["grid_leader"], { regions: [], grids: [grid] });
    const mine = await overview(headers);
    expect(mine.place).toMatchObject({ level: "grid", code: grid });
    expect(mine.path).toEqual([]);
    expect(mine.roots).toEqual([]);
    for (const query of [`?grid=${otherGrid}`, `?area=${community}`, "?area=4304"]) {
      const response = await app.inject({ method: "GET", url: `/api/insights/overview${query}`, headers });
      expect(response.statusCode, query).toBe(404);
    }
  });

  it("offers an account whose scope names several places each of them to start from", async () => {
    const headers = await signInAs(["grid_member"], { regions: [], grids: [grid, otherGrid] });
    await db.execute(sql`insert into role_permissions (role, permission) values ('grid_member', 'insights.read')`);
    try {
      const mine = await overview(headers);
      expect(mine.place.code).toBe(grid);
      expect(mine.roots.map((place) => [place.level, place.code])).toEqual([
        ["grid", grid],
        ["grid", otherGrid],
      ]);
      expect(mine.roots.every((place) => place.name !== place.code)).toBe(true);
      expect((await overview(headers, `?grid=${otherGrid}`)).place.code).toBe(otherGrid);
    } finally {
      await db.execute(sql`delete from role_permissions where role = 'grid_member' and permission = 'insights.read'`);
    }
  });

  it("shows each section only to those who may read its module, each register only to its readers", async () => {
    await db.execute(
      sql`delete from role_permissions where role = 'county_admin' and permission in ('cases.read', 'disputes.read')`,
    );
    await db.execute(
      sql`insert into role_permissions (role, permission) values ('county_admin', 'registers.drug_rehabilitation.read')`,
    );
    try {
      const headers = await signInAs(["county_admin"], { regions: [community.slice(0, 6)], grids: [] });
      const county = await overview(headers);
      expect(county.cases).toBeNull();
      expect(county.disputes).toBeNull();
      expect(county.people).not.toBeNull();
      expect(county.people?.registers.map((entry) => entry.register)).toEqual(["drug_rehabilitation"]);
      expect(county.months.every((month) => month.casesReported === null && month.disputesReported === null)).toBe(true);
      expect(county.children.every((child) => child.casesOpen === null && child.residents !== null)).toBe(true);
    } finally {
      await db.execute(
        sql`delete from role_permissions where role = 'county_admin' and permission = 'registers.drug_rehabilitation.read'`,
      );
      await db.execute(
        sql`insert into role_permissions (role, permission) values ('county_admin', 'cases.read'), ('county_admin', 'disputes.read')`,
      );
    }
  });

  it("refuses a resident, and names the field of a malformed area", async () => {
    const resident = await signInAs(["resident"], { regions: [community], grids: [] });
    expect((await app.inject({ method: "GET", url: "/api/insights/overview", headers: resident })).statusCode).toBe(403);
    const headers = await signInAs(["city_admin"], { regions: ["4304"], grids: [] });
    const malformed = await app.inject({ method: "GET", url: "/api/insights/overview?area=43040", headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");
    expect(malformed.json().errors.map((error: { field: string }) => error.field)).toContain("area");
    const both = await app.inject({ method: "GET", url: `/api/insights/overview?area=4304&grid=${grid}`, headers });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors.map((error: { field: string }) => error.field)).toContain("grid");
  });

  it("counts a dispute recorded through the API once the rollups are refreshed", async () => {
    const headers = await signInAs(["chief_grid_leader"], { regions: [community], grids: [] });
    const before = await overview(headers);
    const recorder = await signInAs(["grid_member"], { regions: [community], grids: [] });
    const created = await app.inject({
      method: "POST",
      url: "/api/disputes",
      headers: recorder,
      payload: {
        regionCode: community,
        gridCode: grid,
        kind: "neighbour",
        summary: "楼上漏水",
        parties: [
          { name: "张三", side: "applicant" },
          { name: "李四", side: "respondent" },
        ],
        mediators: ["网格员"],
        reportedOn: today,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await overview(headers)).disputes?.open).toBe(before.disputes?.open);
    await insights.refresh();
    const after = await overview(headers);
    expect(after.disputes?.open).toBe((before.disputes?.open ?? 0) + 1);
    expect(after.disputes?.reportedThisYear).toBe((before.disputes?.reportedThisYear ?? 0) + 1);
    expect(after.children.find((child) => child.code === grid)?.disputesOpen).toBe(
      1 + (before.children.find((child) => child.code === grid)?.disputesOpen ?? 0),
    );
  });

  it("exports the overview to Excel with its figures, the places below and the months", async () => {
    const headers = await signInAs(["city_admin"], { regions: ["4304"], grids: [] });
    const city = await overview(headers);
    const response = await app.inject({ method: "GET", url: "/api/insights/overview/export", headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toContain(`linli-overview-4304-${today}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as never);
    const figures = book.getWorksheet("概览");
    const values = new Map<string, unknown>();
    figures?.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get("实有人口")).toBe(city.people?.residents);
    expect(values.get("在办事件")).toBe(city.cases?.open);
    expect(book.getWorksheet("下级")?.rowCount).toBe(city.children.length + 1);
    expect(book.getWorksheet("月度")?.rowCount).toBe(month + 1);
  });
});
