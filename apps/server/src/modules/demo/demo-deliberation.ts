import type { Actor } from "../../platform/auth/actor.js";
import type { Services } from "../../services.js";
import { actorOf } from "./demo-cases.js";

const context = { ip: null };
const kuihuali = "430405009009";
const company = "衡阳市新葵花物业服务有限公司";
const host = "新葵花苑小区业主委员会";

/** A moment in Beijing time. */
const at = (local: string) => new Date(`${local}+08:00`);

export interface DemoDeliberationReport {
  meetings: number;
  resolutions: number;
}

/**
 * 新葵花苑小区's deliberation, as the seed tells it: a neighbourhood meeting where residents asked
 * for a property company (2021-05), the owners' assembly that hired one, the three-party meeting
 * that chose smart access control, and the resolutions whose actions turned the "三无" compound
 * into a managed one — property company, smart access and cameras, then a 24-hour watch — each
 * recorded on the compound's 三化 profile citing its resolution. Then an owners' vote open today
 * (using the maintenance funds for 2栋's roof: an ordinary matter under Civil Code art. 278, more
 * than half of the participating area and owners), in which 演示·居民 may vote.
 *
 * Past steps run on `past`, the same services on a clock this function moves, so that every rule
 * (notice before the poll, no ballot after it, no action done in the future) holds for them too.
 */
export async function loadDemoDeliberation(
  services: Services,
  past: { services: Services; setClock: (instant: Date) => void },
  accounts: ReadonlyMap<string, string>,
  today: Date,
): Promise<DemoDeliberationReport> {
  const id = (username: string) => {
    const found = accounts.get(username);
    if (!found) throw new Error(`demo account ${username} is missing`);
    return found;
  };
  const chief = actorOf(id("demo.chief"), "demo.chief", "chief_grid_leader", { regions: [kuihuali], grids: [] });
  const street = actorOf(id("demo.street"), "demo.street", "township_admin", { regions: ["430405009"], grids: [] });
  const compound = (await services.compounds.list(chief, { region: kuihuali, limit: 50 })).items.find(
    (item) => item.name === "新葵花苑小区",
  );
  if (!compound) throw new Error("新葵花苑小区 is missing from the demo");
  const owners = await ownersByDwelling(services, chief, compound.id);
  for (const [dwellingId, residentId] of owners)
    await services.deliberation.ownerRoll.setOwners(street, dwellingId, { residentIds: [residentId] }, context);
  // In the roll's order (building, entrance, number); 演示·居民 is the owner of the first, 1栋 1单元 101,
  // verified at the community office.
  const roll = await services.deliberation.ownerRoll.roll(chief, compound.id);
  const dwellings = roll.dwellings.map((dwelling) => dwelling.dwellingId);
  const firstOwner = roll.dwellings[0]?.owners[0]?.residentId;
  if (firstOwner) await services.residents.linkAccount(street, firstOwner, id("demo.resident"), context);

  const { deliberation } = past.services;
  /** Paper ballots for the first `turnout` owners: `yes` of them for, the rest against or abstaining. */
  const vote = async (motionId: string, turnout: number, yes: number) => {
    for (const [index, dwellingId] of dwellings.slice(0, turnout).entries())
      await deliberation.motions.cast(
        chief,
        motionId,
        {
          choice: index < yes ? "for" : index % 2 ? "against" : "abstain",
          dwellingId,
          paperNumber: String(index + 1).padStart(3, "0"),
        },
        context,
      );
  };

  // 1. The neighbourhood meeting where residents asked for a property company.
  past.setClock(at("2021-05-01T09:00:00"));
  const first = await deliberation.meetings.create(
    chief,
    {
      regionCode: kuihuali,
      compoundId: compound.id,
      kind: "neighbourhood_meeting",
      title: "新葵花苑小区屋场恳谈会",
      host,
      startsAt: at("2021-05-08T19:30:00").toISOString(),
      place: "新葵花苑小区1栋前坪",
      agenda: "一、小区环境和安全问题，听取居民意见\n二、是否引进物业公司、如何引进",
      invitees: ["compound_residents", "owners_committee", "community"],
    },
    context,
  );
  await deliberation.meetings.notice(chief, first.id, first.version, context);
  past.setClock(at("2021-05-08T19:40:00"));
  for (const name of ["罗春梅", "业委会主任 刘建军", "居民代表 周桂英"])
    await deliberation.meetings.recordAttendance(
      chief,
      first.id,
      { name, party: name.startsWith("罗") ? "community" : "resident" },
      context,
    );
  past.setClock(at("2021-05-08T21:00:00"));
  await deliberation.meetings.recordMinutes(
    chief,
    first.id,
    {
      version: (await deliberation.motions.meeting(chief, first.id)).version,
      minutes:
        "到会居民反映小区无物业、无门卫、无门禁，环境脏乱，夜间不安全。大家一致同意引进物业公司，由业委会比选后提交业主大会表决。",
    },
    context,
  );

  // 2. The owners' assembly that hired the property company.
  const hired = await ownersVote(past, deliberation, chief, compound.id, {
    plannedOn: at("2021-05-12T09:00:00"),
    startsAt: at("2021-05-22T19:30:00"),
    kind: "owners_assembly",
    title: "新葵花苑小区业主大会",
    agenda: "表决：选聘衡阳市新葵花物业服务有限公司为小区物业服务企业",
    motion: { title: `选聘${company}为小区物业服务企业`, matter: "hire_property_company" },
    ballots: (motionId) => vote(motionId, 58, 47),
  });
  await action(past, deliberation, chief, hired, {
    title: `与${company}签订物业服务合同，修缮围墙和门岗`,
    assigneeKind: "owners_committee",
    assigneeName: host,
    dueOn: "2021-06-01",
    profileChange: {
      propertyManagement: "property_company",
      propertyCompany: company,
      fence: true,
      gate: true,
      ownersCommittee: true,
    },
    progress: [["2021-05-26T10:00:00", "合同文本经业主代表审阅"]],
    doneOn: "2021-06-01",
  });

  // 3. The three-party meeting (community, owners' committee, property company) on access control.
  const access = await ownersVote(past, deliberation, chief, compound.id, {
    plannedOn: at("2021-08-10T09:00:00"),
    startsAt: at("2021-08-20T19:30:00"),
    kind: "joint",
    title: "新葵花苑小区三方联席会议",
    agenda: "表决：安装智能门禁和监控系统，实行24小时值守",
    motion: { title: "安装智能门禁和监控系统，实行24小时值守", matter: "common_facilities" },
    ballots: (motionId) => vote(motionId, 60, 52),
  });
  await action(past, deliberation, chief, access, {
    title: "安装智能门禁和监控",
    assigneeKind: "property_company",
    assigneeName: company,
    dueOn: "2021-09-15",
    profileChange: { smartAccess: true, cameras: true },
    progress: [["2021-09-01T10:00:00", "门禁设备进场安装，业主录入人脸"]],
    doneOn: "2021-09-15",
  });
  await action(past, deliberation, chief, access, {
    title: "物业实行24小时值守",
    assigneeKind: "property_company",
    assigneeName: company,
    dueOn: "2022-01-01",
    profileChange: { guards: true, watch24h: true },
    progress: [["2021-12-01T10:00:00", "招聘保安两名，排班表已公示"]],
    doneOn: "2022-01-01",
  });

  // 4. Today: the owners vote on maintenance funds for 2栋's roof; some paper ballots are in.
  const meeting = await services.deliberation.meetings.create(
    chief,
    {
      regionCode: kuihuali,
      compoundId: compound.id,
      kind: "owners_assembly",
      title: "新葵花苑小区业主大会（维修资金）",
      host,
      startsAt: new Date(today.getTime() + 3 * 86_400_000).toISOString(),
      place: "新葵花苑小区议事厅",
      agenda:
        "表决：使用专项维修资金维修2栋屋面防水（民法典第二百七十八条第一款第五项，需专有部分面积和人数各三分之二以上的业主参与表决，并经参与表决面积和人数各过半数同意）",
      invitees: ["compound_residents", "owners_committee", "property_company", "community"],
    },
    context,
  );
  await services.deliberation.meetings.notice(chief, meeting.id, meeting.version, context);
  const roof = await services.deliberation.motions.create(
    chief,
    meeting.id,
    {
      title: "使用专项维修资金维修2栋屋面防水",
      body: "预算 8.6 万元，由维修资金列支。",
      matter: "use_maintenance_fund",
      rule: "owners_ordinary",
      revote: "replace",
    },
    context,
  );
  await services.deliberation.motions.open(
    chief,
    roof.id,
    { version: roof.version, closesAt: new Date(today.getTime() + 7 * 86_400_000).toISOString() },
    context,
  );
  // Paper ballots from owners other than 演示·居民, who votes on the phone.
  for (const [index, dwellingId] of dwellings.slice(1, 21).entries())
    await services.deliberation.motions.cast(
      chief,
      roof.id,
      { choice: index % 5 === 4 ? "against" : "for", dwellingId, paperNumber: `W${String(index + 1).padStart(3, "0")}` },
      context,
    );
  return { meetings: 4, resolutions: 2 };
}

/** The head of the household living in each of the compound's dwellings: its owner in the demo. */
async function ownersByDwelling(services: Services, chief: Actor, compoundId: string): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await services.residents.search(chief, { compoundId, limit: 200, ...(cursor ? { cursor } : {}) }, context);
    for (const resident of page.items)
      if (resident.relation === "head" && resident.dwellingId && !owners.has(resident.dwellingId))
        owners.set(resident.dwellingId, resident.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return owners;
}

interface VoteStory {
  plannedOn: Date;
  startsAt: Date;
  kind: "owners_assembly" | "joint";
  title: string;
  agenda: string;
  motion: { title: string; matter: "hire_property_company" | "common_facilities" };
  ballots: (motionId: string) => Promise<void>;
}

/** A past meeting with one owners' motion: planned, noticed, polled on its evening, counted. Returns the resolution. */
async function ownersVote(
  past: { setClock: (instant: Date) => void },
  deliberation: Services["deliberation"],
  chief: Actor,
  compoundId: string,
  story: VoteStory,
): Promise<string> {
  past.setClock(story.plannedOn);
  const meeting = await deliberation.meetings.create(
    chief,
    {
      regionCode: kuihuali,
      compoundId,
      kind: story.kind,
      title: story.title,
      host,
      startsAt: story.startsAt.toISOString(),
      place: "新葵花苑小区1栋前坪",
      agenda: story.agenda,
      invitees: ["compound_residents", "owners_committee", "property_company", "community"],
    },
    context,
  );
  await deliberation.meetings.notice(chief, meeting.id, meeting.version, context);
  const motion = await deliberation.motions.create(
    chief,
    meeting.id,
    { ...story.motion, body: "", rule: "owners_ordinary", revote: "replace" },
    context,
  );
  const opened = await deliberation.motions.open(
    chief,
    motion.id,
    { version: motion.version, closesAt: new Date(story.startsAt.getTime() + 2 * 3_600_000).toISOString() },
    context,
  );
  past.setClock(new Date(story.startsAt.getTime() + 30 * 60_000));
  await story.ballots(motion.id);
  // Counted once the poll has closed at its announced time.
  past.setClock(new Date(story.startsAt.getTime() + 125 * 60_000));
  const closed = await deliberation.motions.close(chief, motion.id, { version: opened.version }, context);
  if (!closed.resolutionId) throw new Error(`the demo's motion "${story.motion.title}" did not pass`);
  return closed.resolutionId;
}

/** An action of a resolution, with its progress, done on its day (which records its 三化 change). */
async function action(
  past: { setClock: (instant: Date) => void },
  deliberation: Services["deliberation"],
  chief: Actor,
  resolutionId: string,
  story: {
    title: string;
    assigneeKind: "owners_committee" | "property_company";
    assigneeName: string;
    dueOn: string;
    profileChange: Record<string, string | boolean>;
    progress: [string, string][];
    doneOn: string;
  },
): Promise<void> {
  const { progress, doneOn, ...input } = story;
  const resolution = await deliberation.resolutions.addAction(chief, resolutionId, input, context);
  const added = resolution.actions.find((entry) => entry.title === story.title);
  if (!added) throw new Error(`the demo's action "${story.title}" is missing`);
  for (const [when, note] of progress) {
    past.setClock(at(when));
    await deliberation.resolutions.addProgress(chief, added.id, note, context);
  }
  past.setClock(at(`${doneOn}T17:00:00`));
  await deliberation.resolutions.complete(chief, added.id, { version: added.version, completedOn: doneOn }, context);
}
