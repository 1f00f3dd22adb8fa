import type { Motion, TallyView } from "@linli/contracts";
import type { MotionRow } from "./motion.repository.js";
import type { Tally } from "./tally.js";

const area = (cents: number) => Math.round(cents) / 100;
const counts = (value: { owners: number; areaCents: number }) => ({ owners: value.owners, area: area(value.areaCents) });
const areaShare = (share: { part: number; whole: number; met: boolean }) => ({
  part: area(share.part),
  whole: area(share.whole),
  met: share.met,
});

/** A tally as the API shows it: areas in m². */
export function toTallyView(tally: Tally): TallyView {
  if ("quorum" in tally)
    return {
      rule: tally.rule,
      passed: tally.passed,
      roll: counts(tally.roll),
      participating: counts(tally.participating),
      for: counts(tally.for),
      against: counts(tally.against),
      abstain: counts(tally.abstain),
      quorum: { area: areaShare(tally.quorum.area), owners: tally.quorum.owners, met: tally.quorum.met },
      majority: { area: areaShare(tally.majority.area), owners: tally.majority.owners, met: tally.majority.met },
    };
  return {
    rule: tally.rule,
    passed: tally.passed,
    hands: {
      for: tally.for,
      against: tally.against,
      abstain: tally.abstain,
      threshold: tally.threshold,
      majority: tally.majority,
    },
  };
}

export function toMotion(
  row: MotionRow,
  extra: Pick<Motion, "participation" | "resolutionId" | "myBallot" | "earlyClose" | "ruleCorrection">,
): Motion {
  return {
    id: row.id,
    meetingId: row.meetingId,
    compoundId: row.compoundId,
    title: row.title,
    body: row.body,
    matter: row.matter as Motion["matter"],
    rule: row.rule as Motion["rule"],
    threshold:
      row.thresholdNumerator !== null && row.thresholdDenominator !== null
        ? { numerator: row.thresholdNumerator, denominator: row.thresholdDenominator }
        : null,
    revote: row.revote as Motion["revote"],
    status: row.status as Motion["status"],
    openedAt: row.openedAt?.toISOString() ?? null,
    closesAt: row.closesAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    tally: row.status === "closed" ? (row.tally as TallyView) : null,
    passed: row.passed,
    version: row.version,
    ...extra,
  };
}
