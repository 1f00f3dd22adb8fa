import type { Election, ElectionList, ElectionRoll, Locale, MeetingList, OwnerRoll, ResolutionList } from "@linli/contracts";
import { workbookOf } from "../../platform/files/spreadsheet.js";
import { shanghaiDateTime } from "../../platform/time/local-date.js";

type Names = Record<string, [string, string]>;
const meetingKinds: Names = {
  neighbourhood_meeting: ["屋场恳谈会", "Neighbourhood meeting"],
  owners_assembly: ["业主大会", "Owners' assembly"],
  joint: ["三方联席会议", "Joint meeting"],
  committee: ["委员会会议", "Committee meeting"],
};
const meetingStatuses: Names = {
  planned: ["筹备中", "Planned"],
  noticed: ["已通知", "Noticed"],
  held: ["已召开", "Held"],
  cancelled: ["已取消", "Cancelled"],
};
const actionStatuses: Names = { open: ["进行中", "Open"], overdue: ["已逾期", "Overdue"], done: ["已完成", "Done"] };
const assignees: Names = {
  community: ["社区", "Community"],
  owners_committee: ["业委会", "Owners' committee"],
  property_company: ["物业公司", "Property company"],
  person: ["个人", "Person"],
};
const outcomes: Names = {
  elected: ["当选", "Elected"],
  tied: ["票数相同，需另行选举", "Tied: a run-off is needed"],
  not_elected: ["未当选", "Not elected"],
  short_of_majority: ["未过半数", "Short of a majority"],
};

const namer = (locale: Locale) => (names: Names, key: string | null) =>
  key ? (names[key]?.[locale === "zh-CN" ? 0 : 1] ?? key) : "";

/** The meetings as a workbook: when, what, who hosted, the state, motions and attendance. */
export function meetingsWorkbook(meetings: MeetingList["items"], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const name = namer(locale);
  return workbookOf(
    zh ? "会议" : "Meetings",
    [
      { header: zh ? "时间" : "Time", key: "startsAt", width: 18 },
      { header: zh ? "会议" : "Meeting", key: "title", width: 28 },
      { header: zh ? "类型" : "Kind", key: "kind", width: 14 },
      { header: zh ? "召集方" : "Host", key: "host", width: 24 },
      { header: zh ? "小区" : "Compound", key: "compoundName", width: 16 },
      { header: zh ? "地点" : "Place", key: "place", width: 20 },
      { header: zh ? "状态" : "Status", key: "status", width: 10 },
      { header: zh ? "议题数" : "Motions", key: "motions", width: 8 },
      { header: zh ? "签到人数" : "Signed in", key: "attendance", width: 10 },
    ],
    meetings.map((meeting) => ({
      ...meeting,
      startsAt: shanghaiDateTime(meeting.startsAt),
      kind: name(meetingKinds, meeting.kind),
      status: name(meetingStatuses, meeting.status),
    })),
  );
}

/** The resolutions board as a workbook: one row per action, with its resolution. */
export function resolutionsWorkbook(resolutions: ResolutionList["items"], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const name = namer(locale);
  return workbookOf(
    zh ? "决议落实" : "Resolutions",
    [
      { header: zh ? "决议" : "Resolution", key: "resolution", width: 30 },
      { header: zh ? "通过日期" : "Adopted", key: "adoptedOn", width: 12 },
      { header: zh ? "会议" : "Meeting", key: "meeting", width: 24 },
      { header: zh ? "落实事项" : "Action", key: "action", width: 30 },
      { header: zh ? "责任方" : "Assignee", key: "assignee", width: 24 },
      { header: zh ? "期限" : "Due", key: "dueOn", width: 12 },
      { header: zh ? "状态" : "Status", key: "status", width: 10 },
      { header: zh ? "完成日期" : "Done on", key: "completedOn", width: 12 },
      { header: zh ? "最新进展" : "Latest progress", key: "progress", width: 30 },
    ],
    resolutions.flatMap((resolution) => {
      const base = { resolution: resolution.title, adoptedOn: resolution.adoptedOn, meeting: resolution.meetingTitle };
      if (resolution.actions.length === 0) return [{ ...base, status: name(actionStatuses, resolution.status) }];
      return resolution.actions.map((action) => ({
        ...base,
        action: action.title,
        assignee: `${name(assignees, action.assigneeKind)} ${action.assigneeName}`,
        dueOn: action.dueOn,
        status: name(actionStatuses, action.status),
        completedOn: action.completedOn ?? "",
        progress: action.progress.at(-1)?.note ?? "",
      }));
    }),
  );
}

/** An election's result sheet: each position's candidates with their votes and outcome. */
export function electionResultWorkbook(election: Election, locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const name = namer(locale);
  return workbookOf(
    zh ? "选举结果" : "Result",
    [
      { header: zh ? "职位" : "Position", key: "position", width: 16 },
      { header: zh ? "应选人数" : "Seats", key: "seats", width: 10 },
      { header: zh ? "候选人" : "Candidate", key: "candidate", width: 16 },
      { header: zh ? "得票" : "Votes", key: "votes", width: 8 },
      { header: zh ? "有效选票" : "Ballots", key: "ballots", width: 10 },
      { header: zh ? "结果" : "Outcome", key: "outcome", width: 24 },
    ],
    election.positions.flatMap((position) =>
      position.candidates.map((candidate) => ({
        position: position.name,
        seats: position.seats,
        candidate: candidate.name,
        votes: candidate.votes ?? "",
        ballots: position.count?.ballots ?? "",
        outcome: name(outcomes, candidate.outcome),
      })),
    ),
  );
}

const electionStatuses: Names = { draft: ["筹备中", "Being set up"], open: ["投票中", "Voting"], closed: ["已计票", "Counted"] };

/** The elections as a workbook: organisation, title, state, turnout. */
export function electionsWorkbook(elections: ElectionList["items"], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const name = namer(locale);
  return workbookOf(
    zh ? "选举" : "Elections",
    [
      { header: zh ? "组织" : "Organisation", key: "organisation", width: 28 },
      { header: zh ? "选举" : "Election", key: "title", width: 28 },
      { header: zh ? "状态" : "Status", key: "status", width: 10 },
      { header: zh ? "选民" : "Roll", key: "roll", width: 8 },
      { header: zh ? "已投票" : "Voted", key: "voted", width: 8 },
      { header: zh ? "截止时间" : "Closes", key: "closesAt", width: 18 },
    ],
    elections.map((election) => ({
      ...election,
      status: name(electionStatuses, election.status),
      closesAt: election.closesAt ? shanghaiDateTime(election.closesAt) : "",
    })),
  );
}

/** The sheet a roll is imported from (and exported to): 编号 and 姓名. */
export const rollSheetTitle = "选民名册";
export const rollColumns = [
  { key: "rollNumber", header: "编号", required: true },
  { key: "name", header: "姓名", required: true },
] as const;

/** The roll as a workbook: who may vote and whether they have — never how. */
export function rollWorkbook(roll: ElectionRoll["items"], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const channels: Names = { phone: ["手机投票", "On the phone"], paper: ["纸质选票", "Paper ballot"] };
  return workbookOf(
    rollSheetTitle,
    [
      { header: "编号", key: "rollNumber", width: 12 },
      { header: "姓名", key: "name", width: 14 },
      { header: zh ? "投票情况" : "Voted", key: "voted", width: 14 },
    ],
    roll.map((entry) => ({
      rollNumber: entry.rollNumber,
      name: entry.name,
      voted: entry.voted ? namer(locale)(channels, entry.channel) : "",
    })),
  );
}

/** The owners' register of a compound: each dwelling's floor area and owners, and what is missing. */
export function ownerRollWorkbook(roll: OwnerRoll, locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "业主名册" : "Owners",
    [
      { header: zh ? "房屋" : "Dwelling", key: "label", width: 18 },
      { header: zh ? "专有部分面积（m²）" : "Floor area (m²)", key: "floorArea", width: 16 },
      { header: zh ? "业主" : "Owners", key: "owners", width: 24 },
    ],
    roll.dwellings.map((dwelling) => ({
      label: dwelling.label,
      floorArea: dwelling.floorArea ?? (zh ? "缺" : "missing"),
      owners:
        dwelling.owners.length > 0 ? dwelling.owners.map((owner) => owner.name).join("、") : zh ? "未登记" : "none on record",
    })),
  );
}
