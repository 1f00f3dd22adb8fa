import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";

/** A `datetime-local` value in Beijing time, `minutes` from now. */
const beijing = (minutes: number) => new Date(Date.now() + (8 * 60 + minutes) * 60_000).toISOString().slice(0, 16);

describe("deliberation (议事协商)", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("the chief runs a meeting from its notice to a resolution carried out; an owner votes on the phone", async () => {
    await page.goto(server.url);
    await signInThroughForm(page, "demo.chief", demoPassword);
    await page.getByRole("menuitem", { name: "议事协商" }).click();
    // The demo's history: 新葵花苑小区's meetings, latest first.
    await page.locator("tr.ant-table-row", { hasText: "新葵花苑小区三方联席会议" }).waitFor();

    await page.getByRole("button", { name: "新建会议" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("会议名称").fill("新葵花苑小区屋场恳谈会（夏季）");
    // The compound's residents are invited, so the compound is needed.
    await dialog.getByLabel("小区（业主会议必选）").click();
    await page.locator(".ant-select-item-option", { hasText: "新葵花苑小区" }).click();
    await dialog.getByLabel("召集方").fill("葵花里社区居民委员会");
    await dialog.getByLabel("时间").fill(beijing(-5));
    await dialog.getByLabel("地点").fill("新葵花苑小区议事厅");
    await dialog.getByLabel("议程").fill("一、夏季纳凉晚会安排\n二、楼道杂物清理");
    await dialog.getByRole("button", { name: /^保\s?存$/ }).click();
    const row = page.locator("tr.ant-table-row", { hasText: "新葵花苑小区屋场恳谈会（夏季）" });
    await row.waitFor();
    expect(await row.textContent()).toContain("筹备中");

    await row.click();
    const detail = page.getByTestId("meeting-detail");
    await detail.getByRole("button", { name: "发出会议通知" }).click();
    await detail.getByText("已召开").waitFor();
    // The sign-in code and its QR code, shown to the organisers for the room's screen.
    const code = (await detail.getByTestId("sign-in-code").textContent()) ?? "";
    expect(code).toMatch(/^\d{6}$/);
    await detail.getByTestId("sign-in-qr").waitFor();
    const meetingId = new URL(page.url()).searchParams.get("meeting");
    await detail.getByLabel("姓名").fill("周桂英");
    await detail.getByRole("button", { name: "登记签到" }).click();
    await detail.getByText("签到（1 人）").waitFor();

    // A motion by show of hands, counted from the room.
    await detail.getByLabel("议题", { exact: true }).fill("夏季纳凉晚会在小区广场举办");
    await detail.getByLabel("计票规则").click();
    await page.locator(".ant-select-item-option", { hasText: "举手表决·过半数" }).click();
    await detail.getByRole("button", { name: "添加议题" }).click();
    const motion = detail.getByTestId("motion").filter({ hasText: "夏季纳凉晚会在小区广场举办" });
    await motion.getByRole("button", { name: "开始表决" }).click();
    await motion.getByText("表决中").waitFor();
    await motion.getByLabel("同意").fill("21");
    await motion.getByLabel("反对").fill("4");
    await motion.getByLabel("弃权").fill("2");
    // The poll was announced to close in a week: closing it tonight needs the decision that allows it.
    await motion.getByRole("button", { name: "结束表决并计票" }).click();
    const early = page.getByRole("dialog", { name: "提前结束表决" });
    await early.getByLabel("提前结束的理由").fill("到会居民当场举手表决完毕");
    await early.getByLabel("决定者").fill("屋场恳谈会主持人");
    await early.getByRole("button", { name: "提前结束并计票" }).click();
    await motion.getByText("已形成决议").waitFor();
    expect(await motion.getByTestId("early-close").textContent()).toContain(
      "提前于公告时间结束：到会居民当场举手表决完毕（屋场恳谈会主持人决定",
    );
    expect(await motion.textContent()).toContain("同意 21，反对 4，弃权 2");
    await detail.getByLabel("会议纪要").fill("到会居民一致同意举办纳凉晚会，由社区牵头。");
    await detail.getByRole("button", { name: "保存纪要" }).click();
    await detail.getByText("到会居民一致同意举办纳凉晚会，由社区牵头。").first().waitFor();
    await page.screenshot({ path: `${shots}/deliberation-meeting.png` });
    await page.keyboard.press("Escape");

    // The resolution's action, carried out to done on the board.
    await page.getByRole("tab", { name: "决议落实" }).click();
    const resolution = page.locator("tr.ant-table-row", { hasText: "夏季纳凉晚会在小区广场举办" });
    await resolution.click();
    await page.getByLabel("落实事项").fill("布置场地、通知各楼栋");
    await page.getByLabel("责任方名称").fill("葵花里社区居委会");
    await page.getByRole("button", { name: "添加事项" }).click();
    const action = page.getByTestId("resolution-action").filter({ hasText: "布置场地、通知各楼栋" });
    await action.getByLabel("进展").fill("已在各单元门口张贴通知");
    await action.getByRole("button", { name: "记录进展" }).click();
    await action.getByText("已在各单元门口张贴通知").first().waitFor();
    await action.getByRole("button", { name: "标记完成" }).click();
    await resolution.getByText("已完成").waitFor();
    await page.screenshot({ path: `${shots}/deliberation-resolutions.png` });

    // The owners' roll an owners' vote is counted on: complete for 新葵花苑小区.
    await page.getByRole("tab", { name: "业主名册" }).click();
    await page.getByLabel("小区", { exact: true }).click();
    await page.locator(".ant-select-item-option", { hasText: "新葵花苑小区" }).click();
    expect(await page.getByTestId("owner-roll-summary").textContent()).toMatch(/^名册完整：72 名业主/);
    expect(await page.locator("tr.ant-table-row").first().textContent()).toContain("1栋 1单元 101");

    // 演示·居民, a verified owner in 新葵花苑小区, votes on today's motion on a 360-px phone.
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const owner = await phone.newPage();
    owner.setDefaultTimeout(30_000);
    await owner.goto(server.url);
    await signInThroughForm(owner, "demo.resident", demoPassword);
    // Scanning the room's QR code opens the meeting and signs the owner in.
    await owner.goto(`${server.url}/deliberation?meeting=${meetingId}&code=${code}`);
    await owner.getByText("签到成功").waitFor();
    await owner.keyboard.press("Escape");
    await owner.locator("tr.ant-table-row", { hasText: "新葵花苑小区业主大会（维修资金）" }).click();
    const vote = owner.getByTestId("motion").filter({ hasText: "使用专项维修资金维修2栋屋面防水" });
    // Using the maintenance funds is an ordinary matter under art. 278: more than half, not three quarters.
    expect(await vote.textContent()).toContain("使用专项维修资金（民法典第二百七十八条第一款第五项） · 业主表决·过半数");
    await vote.getByText("同意", { exact: true }).click();
    await vote.getByRole("button", { name: /^投\s?票$/ }).click();
    await vote.getByText("您已投票：同意").waitFor();
    expect(await vote.getByTestId("participation").textContent()).toContain("已参与：21/72 户");
    expect(await owner.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(360);
    await owner.screenshot({ path: `${shots}/deliberation-vote-phone.png`, fullPage: true });
    await phone.close();
  });

  it("the chief sets up an election, hands out a paper ballot, enters it and prints the result sheet", async () => {
    await page.goto(`${server.url}/deliberation`);
    await page.getByRole("tab", { name: "选举" }).click();
    await page.getByRole("button", { name: "新建选举" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("组织", { exact: true }).fill("葵花里社区个体劳动者协会");
    await dialog.getByLabel("选举名称").fill("第三届理事会换届选举");
    await dialog.getByLabel("职位名称 1").fill("会长");
    const candidates = dialog.getByLabel("候选人（回车分隔） 1");
    await candidates.fill("周建华");
    await candidates.press("Enter");
    await candidates.fill("吴美玲");
    await candidates.press("Enter");
    await dialog.getByRole("button", { name: /^保\s?存$/ }).click();
    await page.locator("tr.ant-table-row", { hasText: "第三届理事会换届选举" }).click();

    const detail = page.getByTestId("election-detail");
    await detail.getByLabel("按编号添加选民").fill("M001 赵六\nM002 孙七");
    await detail.getByRole("button", { name: "添加 2 人" }).click();
    await detail.getByText("选民名册（2 人，已投票 0 人）").waitFor();
    await detail.getByRole("button", { name: "开始投票" }).click();
    await detail.locator("tr", { hasText: "赵六" }).getByRole("button", { name: "发放纸质选票" }).click();
    await detail.getByText("选民名册（2 人，已投票 1 人）").waitFor();
    const ballot = detail.getByTestId("ballot");
    await ballot.getByText("周建华").click();
    await ballot.getByRole("button", { name: "录入此张选票" }).click();
    await ballot.getByText("选票已投入票箱").waitFor();
    await detail.getByRole("button", { name: "结束投票并计票" }).click();
    const early = page.getByRole("dialog", { name: "提前结束表决" });
    await early.getByLabel("提前结束的理由").fill("名册上的会员已全部投票");
    await early.getByLabel("决定者").fill("协会选举委员会");
    await early.getByRole("button", { name: "提前结束并计票" }).click();
    const sheet = detail.getByTestId("result-sheet");
    await sheet.getByText("会长：应选 1 名，有效选票 1 张，当选 1 名").waitFor();
    expect(await sheet.locator("tr.ant-table-row").allTextContents()).toEqual([
      expect.stringMatching(/^周建华1当选$/),
      expect.stringMatching(/^吴美玲0未当选$/),
    ]);
    await page.screenshot({ path: `${shots}/deliberation-election-result.png` });
    await page.keyboard.press("Escape");
  });
});
