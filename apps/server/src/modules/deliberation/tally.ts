/**
 * The count of a motion, as a pure function of the frozen roll and the stored ballots, so that
 * anyone can recount it and get the same answer.
 *
 * Owners' votes follow Civil Code art. 278 (2021):
 *
 * > 下列事项由业主共同决定：（一）制定和修改业主大会议事规则；（二）制定和修改管理规约；
 * > （三）选举业主委员会或者更换业主委员会成员；（四）选聘和解聘物业服务企业或者其他管理人；
 * > （五）使用建筑物及其附属设施的维修资金；（六）筹集建筑物及其附属设施的维修资金；
 * > （七）改建、重建建筑物及其附属设施；（八）改变共有部分的用途或者利用共有部分从事经营活动；
 * > （九）有关共有和共同管理权利的其他重大事项。
 * > 业主共同决定事项，应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决。
 * > 决定前款第六项至第八项规定的事项，应当经参与表决专有部分面积四分之三以上的业主且参与表决人数
 * > 四分之三以上的业主同意。决定前款其他事项，应当经参与表决专有部分面积过半数的业主且参与表决
 * > 人数过半数的业主同意。
 *
 * So the quorum is at least two thirds of the area and of the owners; items (6)–(8) — raising the
 * maintenance funds, rebuilding, changing the use of common parts — pass with at least three
 * quarters of the participating area and owners (`owners_special`), every other item, using the
 * maintenance funds (5) among them, with more than half of both (`owners_ordinary`). Owners are
 * counted per the Supreme People's Court's interpretation (法释〔2009〕7号 art. 8–9): one owner per
 * exclusive part, and one buyer's several parts as one owner — a roll unit is one owner's parts in
 * the compound (`owner-roll.service.ts` builds the units).
 *
 * Areas are whole hundredths of a m², and every threshold is compared by cross-multiplying
 * integers, so that a boundary such as exactly two thirds is decided exactly, never by a float.
 */

export type Choice = "for" | "against" | "abstain";

export type CountingRule =
  | { kind: "owners_ordinary" }
  | { kind: "owners_special" }
  | { kind: "simple_majority" }
  | { kind: "custom"; numerator: number; denominator: number };

/** One owner on the roll: their parts' floor area in hundredths of a m². */
export interface RollUnit {
  unit: number;
  areaCents: number;
}

export interface Ballot {
  unit: number;
  choice: Choice;
}

/** A share compared with a fraction: `part / whole` against `numerator / denominator`. */
export interface Share {
  part: number;
  whole: number;
  met: boolean;
}

export interface OwnersTally {
  rule: "owners_ordinary" | "owners_special";
  roll: { owners: number; areaCents: number };
  participating: { owners: number; areaCents: number };
  for: { owners: number; areaCents: number };
  against: { owners: number; areaCents: number };
  abstain: { owners: number; areaCents: number };
  /** Participation: ≥ 2/3 of the area and ≥ 2/3 of the owners on the roll. */
  quorum: { area: Share; owners: Share; met: boolean };
  /** For: > 1/2 (ordinary) or ≥ 3/4 (special) of the participating area and owners. */
  majority: { area: Share; owners: Share; met: boolean };
  passed: boolean;
}

export interface HandsTally {
  rule: "simple_majority" | "custom";
  threshold: { numerator: number; denominator: number; strict: boolean };
  for: number;
  against: number;
  abstain: number;
  majority: Share;
  passed: boolean;
}

export type Tally = OwnersTally | HandsTally;

/** `part / whole ≥ n / d` (or `>` when strict), in integers. An empty whole meets nothing. */
export function reaches(part: number, whole: number, numerator: number, denominator: number, strict: boolean): boolean {
  if (whole <= 0) return false;
  const left = part * denominator;
  const right = whole * numerator;
  return strict ? left > right : left >= right;
}

const share = (part: number, whole: number, numerator: number, denominator: number, strict: boolean): Share => ({
  part,
  whole,
  met: reaches(part, whole, numerator, denominator, strict),
});

/** Counts an owners' vote. A ballot for a unit not on the roll is a programming error. */
export function tallyOwners(rule: "owners_ordinary" | "owners_special", roll: RollUnit[], ballots: Ballot[]): OwnersTally {
  const areaOf = new Map(roll.map((entry) => [entry.unit, entry.areaCents]));
  const sum = (choice?: Choice) => {
    let owners = 0;
    let areaCents = 0;
    for (const ballot of ballots) {
      if (choice && ballot.choice !== choice) continue;
      const area = areaOf.get(ballot.unit);
      if (area === undefined) throw new Error(`ballot for unit ${ballot.unit}, which is not on the roll`);
      owners += 1;
      areaCents += area;
    }
    return { owners, areaCents };
  };
  const total = { owners: roll.length, areaCents: roll.reduce((all, entry) => all + entry.areaCents, 0) };
  const participating = sum();
  const inFavour = sum("for");
  const quorumArea = share(participating.areaCents, total.areaCents, 2, 3, false);
  const quorumOwners = share(participating.owners, total.owners, 2, 3, false);
  const [numerator, denominator, strict] = rule === "owners_special" ? [3, 4, false] : [1, 2, true];
  const majorityArea = share(inFavour.areaCents, participating.areaCents, numerator, denominator, strict);
  const majorityOwners = share(inFavour.owners, participating.owners, numerator, denominator, strict);
  const quorumMet = quorumArea.met && quorumOwners.met;
  const majorityMet = majorityArea.met && majorityOwners.met;
  return {
    rule,
    roll: total,
    participating,
    for: inFavour,
    against: sum("against"),
    abstain: sum("abstain"),
    quorum: { area: quorumArea, owners: quorumOwners, met: quorumMet },
    majority: { area: majorityArea, owners: majorityOwners, met: majorityMet },
    passed: quorumMet && majorityMet,
  };
}

/** Counts a show of hands: more than half of the votes cast, or a custom share (at least n/d). */
export function tallyHands(
  rule: { kind: "simple_majority" } | { kind: "custom"; numerator: number; denominator: number },
  counts: { for: number; against: number; abstain: number },
): HandsTally {
  const threshold =
    rule.kind === "simple_majority"
      ? { numerator: 1, denominator: 2, strict: true }
      : { numerator: rule.numerator, denominator: rule.denominator, strict: false };
  const cast = counts.for + counts.against + counts.abstain;
  const majority = share(counts.for, cast, threshold.numerator, threshold.denominator, threshold.strict);
  return { rule: rule.kind, threshold, ...counts, majority, passed: majority.met };
}
