import type { Problem, ResidentImportReport, ResidentPage } from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { buildPeopleWorld, clearPeople, idNumbers, kuihuali, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

beforeAll(async () => {
  world = await buildPeopleWorld(context);
});
beforeEach(() => clearPeople(context.database));

type Row = Record<string, string | number | { formula: string; result: number }>;

/** The template as a user downloads it, with its example row replaced by `rows` (by header). */
async function fromTemplate(rows: Row[], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const response = await context.app.inject({
    url: "/api/residents/file-template",
    headers: sessionHeaders(world.sessions.chief),
  });
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet("居民") as ExcelJS.Worksheet;
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  sheet.spliceRows(2, sheet.rowCount);
  for (const row of rows) sheet.addRow(headers.map((header) => row[header] ?? null));
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = (file: Buffer, query = "") =>
  context.app.inject({
    method: "POST",
    url: `/api/communities/${kuihuali}/residents/file${query}`,
    headers: { ...sessionHeaders(world.sessions.chief), "content-type": xlsx },
    payload: file,
  });
const place = { 小区: "新葵花苑小区", 楼栋: "1栋", 单元: "1单元" };
const family: Row[] = [
  {
    户编号: "A",
    与户主关系: "户主",
    姓名: "张建国",
    身份证号: idNumbers.zhang,
    手机号: "13800131234",
    ...place,
    房号: "101",
    "标签（以、分隔）": "党员",
  },
  { 户编号: "A", 与户主关系: "配偶", 姓名: "李秀英", 身份证号: idNumbers.li, ...place, 房号: "101" },
  { 户编号: "A", 与户主关系: "子女", 姓名: "张小明", 性别: "男", 出生日期: "2012-09-01", ...place, 房号: "101" },
  {
    户编号: "B",
    与户主关系: "户主",
    姓名: "赵大爷",
    身份证号: idNumbers.zhao,
    ...place,
    房号: "102",
    "标签（以、分隔）": "独居老人",
  },
];
const residents = async () =>
  (await context.app.inject({ url: "/api/residents", headers: sessionHeaders(world.sessions.chief) })).json<ResidentPage>().items;
const count = async () =>
  rowsOf<{ count: number }>(await context.database.handle.db.execute(sql`select count(*)::int as count from residents`))[0]
    ?.count;

describe("importing residents from the template", () => {
  it("creates households with their members; the same file again creates nothing", async () => {
    const file = await fromTemplate(family);
    const check = await upload(file, "?dryRun=true");
    expect(check.json<ResidentImportReport>()).toEqual({
      dryRun: true,
      rows: 4,
      households: 2,
      created: 4,
      updated: 0,
      unchanged: 0,
    });
    expect(await count()).toBe(0);

    const first = await upload(file);
    expect(first.json<ResidentImportReport>()).toEqual({
      dryRun: false,
      rows: 4,
      households: 2,
      created: 4,
      updated: 0,
      unchanged: 0,
    });
    const people = await residents();
    const zhang = people.find((resident) => resident.name === "张建国");
    expect(zhang).toMatchObject({
      idNumber: "430405********0017",
      phone: "138****1234",
      relation: "head",
      tags: ["party_member"],
    });
    expect(
      people
        .filter((resident) => resident.householdId === zhang?.householdId)
        .map((resident) => resident.relation)
        .sort(),
    ).toEqual(["child", "head", "spouse"]);

    const again = await upload(file);
    expect(again.json<ResidentImportReport>()).toEqual({
      dryRun: false,
      rows: 4,
      households: 2,
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    expect(await count()).toBe(4);

    const edited = await upload(
      await fromTemplate(family.map((row) => (row.姓名 === "赵大爷" ? { ...row, 手机号: "13911112222" } : row))),
    );
    expect(edited.json<ResidentImportReport>()).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
  });

  it("names every refused cell by row and column, and writes nothing", async () => {
    const file = await fromTemplate([
      ...family,
      { 户编号: "C", 与户主关系: "户主", 姓名: "错号", 身份证号: "430405198001010018", ...place, 房号: "201" },
      { 户编号: "D", 与户主关系: "户主", 姓名: "无房", ...place, 房号: "909" },
      { 户编号: "E", 与户主关系: "老板", 姓名: "关系错", 手机号: "138abc01234", ...place, 房号: "201" },
      { 户编号: "F", 与户主关系: "户主", 姓名: "重复", 身份证号: idNumbers.zhang, ...place, 房号: "201" },
    ]);
    const response = await upload(file);
    expect(response.statusCode).toBe(400);
    expect((response.json() as Problem).errors?.map(({ field, code }) => `${field} ${code}`)).toEqual([
      "rows.6.idNumber id_check_digit",
      "rows.7.number unknown_dwelling_named",
      "rows.8.relation unknown_value",
      "rows.8.phone not_a_mobile",
      "rows.9.idNumber duplicate_in_file",
    ]);
    expect(await count()).toBe(0);
  });

  it("names the row of a refusal found only while applying, such as a household's second head, and writes nothing", async () => {
    await upload(await fromTemplate(family));
    const swapped = family.map((row) =>
      row.姓名 === "李秀英" ? { ...row, 与户主关系: "户主" } : row.姓名 === "张建国" ? { ...row, 与户主关系: "配偶" } : row,
    );
    const response = await upload(await fromTemplate(swapped));
    expect(response.statusCode).toBe(400);
    expect((response.json() as Problem).errors?.map(({ field, code }) => `${field} ${code}`)).toEqual([
      "rows.3.relation head_taken",
    ]);
    const people = await residents();
    expect(people.find((resident) => resident.name === "张建国")?.relation).toBe("head");
  });

  it("refuses a wrong header, a file that is no workbook, and a file over the limit", async () => {
    const renamed = await fromTemplate(family, (sheet) => {
      sheet.getRow(1).getCell(3).value = "名字";
    });
    const header = await upload(renamed);
    expect((header.json() as Problem).errors?.map(({ field, code, message }) => ({ field, code, message }))).toEqual([
      { field: "rows.1.name", code: "missing_column", message: "缺少表头“姓名”" },
    ]);
    expect((await upload(Buffer.from("name,id\n张三,1"))).statusCode).toBe(400);
    expect((await upload(Buffer.alloc(21 * 1024 * 1024))).statusCode).toBe(413);
  });

  it("stores a formula as its text, never its result", async () => {
    await upload(await fromTemplate([{ ...family[3], 民族: { formula: "1+1", result: 2 } } as Row]));
    expect((await residents()).map((resident) => resident.ethnicity)).toEqual(["=1+1"]);
  });

  it("exports the filtered list with ID and phone masked", async () => {
    await upload(await fromTemplate(family));
    const response = await context.app.inject({
      url: "/api/residents/export?tag=party_member",
      headers: sessionHeaders(world.sessions.chief),
    });
    expect(response.headers["content-type"]).toContain(xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("居民") as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(2);
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(values).toContain("430405********0017");
    expect(values).toContain("138****1234");
    expect(JSON.stringify(values)).not.toContain(idNumbers.zhang);
  });
});
