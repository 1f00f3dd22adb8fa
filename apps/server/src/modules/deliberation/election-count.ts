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

export type CandidateOutcome = "elected" | "tied" | "not_elected" | "short_of_majority";

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
