import type { Election, ElectionSummary } from "@linli/contracts";
import type { CandidateRow, ElectionRow, PositionRow, RollCounts } from "./election.repository.js";
import type { OwnersElectionCount, PositionCount } from "./election-count.js";

const area = (cents: number) => Math.round(cents) / 100;

/** The stored result of a counted election: plurality's positions, or an owners' quorum and positions. */
type StoredResult = PositionCount[] | OwnersElectionCount;

export function summaryOf(row: ElectionRow, counts: { roll: number; voted: number }): ElectionSummary {
  return {
    id: row.id,
    regionCode: row.regionCode,
    organisation: row.organisation,
    organisationKind: row.organisationKind as ElectionSummary["organisationKind"],
    title: row.title,
    counting: row.counting as ElectionSummary["counting"],
    status: row.status as ElectionSummary["status"],
    closesAt: row.closesAt?.toISOString() ?? null,
    roll: counts.roll,
    voted: counts.voted,
    version: row.version,
  };
}

/** The share an owners' election's elected members need: more than half unless the rules set a stricter one. */
export function thresholdOf(row: ElectionRow): { numerator: number; denominator: number; strict: boolean } | null {
  if (row.counting !== "owners") return null;
  const numerator = row.thresholdNumerator ?? 1;
  const denominator = row.thresholdDenominator ?? 2;
  return { numerator, denominator, strict: numerator * 2 === denominator };
}

/** An election as its page shows it, with its count once closed. */
export function toElection(
  row: ElectionRow,
  parts: {
    counts: RollCounts & { areaCents: number | null };
    positions: PositionRow[];
    candidates: CandidateRow[];
    ballots: number;
    myVote: Election["myVote"];
    earlyClose: Election["earlyClose"];
  },
): Election {
  const stored = row.result as StoredResult | null;
  const owners = stored && !Array.isArray(stored) ? stored : null;
  const plurality = Array.isArray(stored) ? stored : [];
  return {
    ...summaryOf(row, parts.counts),
    threshold: thresholdOf(row),
    rollArea: parts.counts.areaCents === null ? null : area(parts.counts.areaCents),
    quorum: owners
      ? {
          area: { ...owners.quorum.area, part: area(owners.quorum.area.part), whole: area(owners.quorum.area.whole) },
          owners: owners.quorum.owners,
          met: owners.quorum.met,
        }
      : null,
    earlyClose: parts.earlyClose,
    positions: parts.positions.map((position) => {
      const counted = owners?.positions.find((entry) => entry.positionId === position.id);
      const plain = plurality.find((entry) => entry.positionId === position.id);
      const tallyOf = (candidateId: string) => {
        const weighted = counted?.candidates.find((entry) => entry.candidateId === candidateId);
        if (weighted) return { votes: weighted.votes, area: area(weighted.areaCents), outcome: weighted.outcome };
        const entry = plain?.candidates.find((item) => item.candidateId === candidateId);
        return entry ? { votes: entry.votes, area: null, outcome: entry.outcome } : { votes: null, area: null, outcome: null };
      };
      const count = counted ?? plain;
      return {
        id: position.id,
        name: position.name,
        seats: position.seats,
        majorityRequired: position.majorityRequired,
        candidates: parts.candidates
          .filter((candidate) => candidate.positionId === position.id)
          .map((candidate) => ({ id: candidate.id, name: candidate.name, ...tallyOf(candidate.id) }))
          .sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || (b.area ?? 0) - (a.area ?? 0)),
        count: count ? { ballots: count.ballots, blank: count.blank, elected: count.elected, tiedSeats: count.tiedSeats } : null,
      };
    }),
    paperBallotsIssued: parts.counts.paperIssued,
    paperBallotsEntered: row.paperBallotsEntered,
    ballots: parts.ballots,
    myVote: parts.myVote,
  };
}
