import { reaches } from "./tally.js";

/**
 * The count of an election, position by position, as a pure function of the ballots: plurality
 * for the seats, with an optional majority of the ballots cast. A tie for the last seat is
 * reported and leaves the seat unfilled — it is never broken silently (by name, order or lot);
 * the organisation decides it by a run-off.
 */

export interface PositionToCount {
  id: string;
  seats: number;
  majorityRequired: boolean;
  candidates: string[];
}

/** `no_quorum`: an owners' election where too few owners took part for anyone to be elected. */
export type CandidateOutcome = "elected" | "tied" | "not_elected" | "short_of_majority" | "no_quorum";

export interface PositionCount {
  positionId: string;
  seats: number;
  ballots: number;
  /** Ballots that chose nobody for this position. */
  blank: number;
  candidates: { candidateId: string; votes: number; outcome: CandidateOutcome }[];
  elected: number;
  /** Seats left unfilled by a tie for the last of them. */
  tiedSeats: number;
}

/** Counts every position; a ballot is `{ positionId: candidateIds }`, already checked against the seats. */
export function countElection(
  positions: readonly PositionToCount[],
  ballots: readonly Record<string, string[]>[],
): PositionCount[] {
  return positions.map((position) => countPosition(position, ballots));
}

function countPosition(position: PositionToCount, ballots: readonly Record<string, string[]>[]): PositionCount {
  const votes = new Map(position.candidates.map((id) => [id, 0]));
  let blank = 0;
  for (const ballot of ballots) {
    const chosen = ballot[position.id] ?? [];
    if (chosen.length === 0) blank += 1;
    for (const id of chosen) if (votes.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1);
  }
  const qualifies = (count: number) => count > 0 && (!position.majorityRequired || count * 2 > ballots.length);
  // Distinct vote totals, highest first; candidates are taken a whole tier at a time.
  const tiers = [...new Set(votes.values())].filter(qualifies).sort((a, b) => b - a);
  const outcome = new Map<string, CandidateOutcome>();
  let filled = 0;
  let tiedSeats = 0;
  for (const tier of tiers) {
    const group = position.candidates.filter((id) => votes.get(id) === tier);
    const free = position.seats - filled;
    if (free <= 0) break;
    if (group.length <= free) {
      for (const id of group) outcome.set(id, "elected");
      filled += group.length;
    } else {
      for (const id of group) outcome.set(id, "tied");
      tiedSeats = free;
      break;
    }
  }
  return {
    positionId: position.id,
    seats: position.seats,
    ballots: ballots.length,
    blank,
    candidates: position.candidates
      .map((candidateId) => {
        const count = votes.get(candidateId) ?? 0;
        const fallback: CandidateOutcome = count > 0 && !qualifies(count) ? "short_of_majority" : "not_elected";
        return { candidateId, votes: count, outcome: outcome.get(candidateId) ?? fallback };
      })
      .sort((a, b) => b.votes - a.votes),
    elected: filled,
    tiedSeats,
  };
}

/** A ballot of an owners' election: the choices and the voter's floor area (hundredths of a m²). */
export interface WeightedBallot {
  choices: Record<string, string[]>;
  areaCents: number;
}

/** A share compared with a fraction, as `tally.ts` reports it. */
export interface ShareCount {
  part: number;
  whole: number;
  met: boolean;
}

export interface OwnersPositionCount extends Omit<PositionCount, "candidates"> {
  /** The floor area of the owners who took part (cast a ballot, blank or not). */
  areaCents: number;
  candidates: { candidateId: string; votes: number; areaCents: number; outcome: CandidateOutcome }[];
}

export interface OwnersElectionCount {
  quorum: { area: ShareCount; owners: ShareCount; met: boolean };
  positions: OwnersPositionCount[];
}

/**
 * Counts an owners' committee election (Civil Code art. 278(3): 选举业主委员会 is an owners'
 * common decision). Quorum: owners holding at least two thirds of the roll's floor area and at
 * least two thirds of its owners took part; without it nobody is elected. Each candidate then
 * needs more than half (`threshold` 1/2, strict) — or at least the stricter share the 业主大会议事规则
 * sets — of the participating area and of the participating owners. Of the candidates who
 * qualify, the seats go to those chosen by the most owners, then the most area; candidates equal
 * in both for the last seat are reported tied and the seat is left unfilled.
 */
export function countOwnersElection(
  positions: readonly PositionToCount[],
  ballots: readonly WeightedBallot[],
  roll: { owners: number; areaCents: number },
  threshold: { numerator: number; denominator: number } = { numerator: 1, denominator: 2 },
): OwnersElectionCount {
  const participating = { owners: ballots.length, areaCents: ballots.reduce((sum, ballot) => sum + ballot.areaCents, 0) };
  const quorumArea = shareOf(participating.areaCents, roll.areaCents, 2, 3, false);
  const quorumOwners = shareOf(participating.owners, roll.owners, 2, 3, false);
  const quorumMet = quorumArea.met && quorumOwners.met;
  // "More than half" is strict; a stricter share set by the rules is "at least".
  const strict = threshold.numerator * 2 === threshold.denominator;
  return {
    quorum: { area: quorumArea, owners: quorumOwners, met: quorumMet },
    positions: positions.map((position) => {
      const tallies = new Map(position.candidates.map((id) => [id, { votes: 0, areaCents: 0 }]));
      let blank = 0;
      for (const ballot of ballots) {
        const chosen = ballot.choices[position.id] ?? [];
        if (chosen.length === 0) blank += 1;
        for (const id of chosen) {
          const tally = tallies.get(id);
          if (tally) {
            tally.votes += 1;
            tally.areaCents += ballot.areaCents;
          }
        }
      }
      const qualifies = (tally: { votes: number; areaCents: number }) =>
        quorumMet &&
        tally.votes > 0 &&
        shareOf(tally.votes, participating.owners, threshold.numerator, threshold.denominator, strict).met &&
        shareOf(tally.areaCents, participating.areaCents, threshold.numerator, threshold.denominator, strict).met;
      const ranked = position.candidates
        .map((candidateId) => ({ candidateId, ...(tallies.get(candidateId) ?? { votes: 0, areaCents: 0 }) }))
        .sort((a, b) => b.votes - a.votes || b.areaCents - a.areaCents);
      const outcome = new Map<string, CandidateOutcome>();
      let filled = 0;
      let tiedSeats = 0;
      const eligible = ranked.filter(qualifies);
      for (let index = 0; index < eligible.length && filled < position.seats; ) {
        const head = eligible[index] as (typeof eligible)[number];
        const group = eligible.filter((entry) => entry.votes === head.votes && entry.areaCents === head.areaCents);
        const free = position.seats - filled;
        if (group.length <= free) {
          for (const entry of group) outcome.set(entry.candidateId, "elected");
          filled += group.length;
        } else {
          for (const entry of group) outcome.set(entry.candidateId, "tied");
          tiedSeats = free;
          break;
        }
        index += group.length;
      }
      return {
        positionId: position.id,
        seats: position.seats,
        ballots: participating.owners,
        areaCents: participating.areaCents,
        blank,
        candidates: ranked.map((entry) => ({
          ...entry,
          outcome: !quorumMet
            ? ("no_quorum" as const)
            : (outcome.get(entry.candidateId) ?? (entry.votes > 0 && !qualifies(entry) ? "short_of_majority" : "not_elected")),
        })),
        elected: filled,
        tiedSeats,
      };
    }),
  };
}

function shareOf(part: number, whole: number, numerator: number, denominator: number, strict: boolean): ShareCount {
  return { part, whole, met: reaches(part, whole, numerator, denominator, strict) };
}
