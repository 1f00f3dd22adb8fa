import { localDate } from "../../platform/time/local-date.js";
import type { Services } from "../../services.js";
import { actorOf } from "./demo-cases.js";

const context = { ip: null };

/**
 * Two integrity visits (廉政家访) by 珠晖区's discipline officer to newly appointed heads' families,
 * as the seed's 湘乡 campaign did; the people are fictitious. Returns how many.
 */
export async function loadDemoIntegrityVisits(services: Services, accounts: ReadonlyMap<string, string>, today: Date) {
  const userId = accounts.get("demo.discipline");
  if (!userId) throw new Error("demo account demo.discipline is missing");
  const officer = actorOf(userId, "demo.discipline", "discipline_officer", { regions: ["430405"], grids: [] });
  const day = (offset: number) => localDate(new Date(today.getTime() + offset * 86_400_000));
  const visits = [
    {
      officialName: "（演示）赵某",
      officialPost: "区某局党组书记、局长（新任）",
      familyMet: "配偶、女儿",
      visitedOn: day(-12),
      talk: "结合“清廉家庭”创建谈家风家教，请家属当好“贤内助”、常吹“清廉风”",
      risksNoted: "提醒配偶不收受节日礼品礼金",
      commitmentSigned: true,
    },
    {
      officialName: "（演示）钱某",
      officialPost: "某街道党工委书记（新任）",
      familyMet: "父母",
      visitedOn: day(-4),
      talk: "了解“八小时”以外的生活情况，送上廉政家书",
      risksNoted: "",
      commitmentSigned: false,
    },
  ];
  for (const visit of visits)
    await services.integrityVisits.create(
      officer,
      { regionCode: "430405", visitors: ["区纪委监委 第一监督检查室", "派驻纪检监察组"], ...visit },
      context,
    );
  return visits.length;
}
