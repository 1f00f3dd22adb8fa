import { z } from "zod";
import { earlyCloseSchema, earlyCloseViewSchema } from "./deliberation.js";

const instant = z.iso.datetime({ offset: true });
const communityCode = z.string().regex(/^\d{12}$/, "a community's 12-digit code");
const unique = <T>(list: T[]) => new Set(list).size === list.length;

/** Who elects: an industry or social association, an owners' committee, a residents' committee. */
export const organisationKinds = ["association", "owners_committee", "residents_committee", "other"] as const;

/**
 * How an election is counted. `plurality`: the most votes win the seats, optionally with more than
 * half of the ballots (an association's or a residents' committee's own rules). `owners`: electing
 * the owners' committee is an owners' common decision (Civil Code art. 278(3)) — owners holding
 * at least two thirds of the area and two thirds of the owners take part, and each elected
 * candidate needs more than half of the participating area and of the participating owners (or
 * the stricter share the 业主大会议事规则 sets).
 */
export const electionCountings = ["plurality", "owners"] as const;

/** A share of the participating area and owners an elected owners' committee member needs: more than 1/2, or at least a stricter n/d. */
export const ownersThresholdSchema = z
  .strictObject({ numerator: z.number().int().min(1).max(99), denominator: z.number().int().min(2).max(100) })
  .refine((fraction) => fraction.numerator < fraction.denominator, { params: { code: "not_a_share" } })
  .refine((fraction) => fraction.numerator * 2 >= fraction.denominator, { params: { code: "looser_than_the_law" } })
  .describe("At least n/d (exactly 1/2 means the law's 'more than half')");

export const createElectionSchema = z
  .strictObject({
    regionCode: communityCode,
    compoundId: z.uuid().optional().describe("For an owners' committee: its compound"),
    organisation: z.string().trim().min(1).max(100).describe("e.g. 衡阳市珠晖区个体劳动者协会"),
    organisationKind: z.enum(organisationKinds),
    title: z.string().trim().min(1).max(100),
    threshold: ownersThresholdSchema
      .optional()
      .describe("An owners' committee election only: the 业主大会议事规则's stricter share, if it sets one"),
    positions: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1).max(50).describe("e.g. 会长, 常务副会长, 理事"),
          seats: z.number().int().min(1).max(99),
          majorityRequired: z.boolean().default(false).describe("A winner also needs more than half of the ballots cast"),
          candidates: z
            .array(z.strictObject({ name: z.string().trim().min(1).max(50), residentId: z.uuid().optional() }))
            .min(1)
            .max(200),
        }),
      )
      .min(1)
      .max(30)
      .refine((positions) => unique(positions.map((position) => position.name)), { params: { code: "duplicate" } }),
  })
  .meta({ id: "CreateElection" });
export type CreateElection = z.infer<typeof createElectionSchema>;

export const electionSummarySchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    organisation: z.string(),
    organisationKind: z.enum(organisationKinds),
    title: z.string(),
    counting: z.enum(electionCountings),
    status: z.enum(["draft", "open", "closed"]),
    closesAt: instant.nullable(),
    roll: z.number().int().describe("Voters on the roll; for an owners' election, owners (one buyer's dwellings as one)"),
    voted: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: "ElectionSummary" });
export type ElectionSummary = z.infer<typeof electionSummarySchema>;

const candidateOutcomes = ["elected", "tied", "not_elected", "short_of_majority", "no_quorum"] as const;
const shareSchema = z.object({ part: z.number(), whole: z.number(), met: z.boolean() });

export const electionSchema = electionSummarySchema
  .extend({
    positions: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        seats: z.number().int(),
        majorityRequired: z.boolean(),
        candidates: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            /** Once counted. */
            votes: z.number().int().nullable(),
            /** Once counted, an owners' election: the floor area (m²) of the owners who chose them. */
            area: z.number().nullable(),
            outcome: z.enum(candidateOutcomes).nullable(),
          }),
        ),
        /** Once counted. */
        count: z
          .object({ ballots: z.number().int(), blank: z.number().int(), elected: z.number().int(), tiedSeats: z.number().int() })
          .nullable(),
      }),
    ),
    threshold: z
      .object({ numerator: z.number().int(), denominator: z.number().int(), strict: z.boolean() })
      .nullable()
      .describe("An owners' election: the share of the participating area and owners each elected member needs"),
    rollArea: z.number().nullable().describe("An owners' election, once open: the roll's floor area (m²)"),
    quorum: z
      .object({ area: shareSchema, owners: shareSchema, met: z.boolean() })
      .nullable()
      .describe("An owners' election, once counted: ≥ 2/3 of the area and ≥ 2/3 of the owners took part"),
    earlyClose: earlyCloseViewSchema.nullable(),
    paperBallotsIssued: z.number().int(),
    paperBallotsEntered: z.number().int(),
    ballots: z.number().int().describe("Ballots in the box"),
    /** For a resident on the roll: whether they may still vote. */
    myVote: z.object({ onRoll: z.boolean(), voted: z.boolean() }).nullable(),
  })
  .meta({ id: "Election" });
export type Election = z.infer<typeof electionSchema>;

export const electionListSchema = z.object({ items: z.array(electionSummarySchema) }).meta({ id: "ElectionList" });
export type ElectionList = z.infer<typeof electionListSchema>;

export const electionListQuerySchema = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
});

export const rollEntrySchema = z
  .object({
    id: z.uuid(),
    rollNumber: z.string(),
    name: z.string(),
    residentId: z.uuid().nullable(),
    voted: z.boolean(),
    channel: z.enum(["phone", "paper"]).nullable(),
  })
  .meta({ id: "ElectionRollEntry" });

export const electionRollSchema = z.object({ items: z.array(rollEntrySchema) }).meta({ id: "ElectionRoll" });
export type ElectionRoll = z.infer<typeof electionRollSchema>;

export const addVotersSchema = z
  .strictObject({
    residentIds: z.array(z.uuid()).max(5_000).default([]).describe("Residents from the registry"),
    members: z
      .array(z.strictObject({ rollNumber: z.string().trim().min(1).max(32), name: z.string().trim().min(1).max(50) }))
      .max(5_000)
      .default([])
      .describe("Members by roll number and name (an association's register)"),
    drawAdultsOf: z
      .enum(["community", "compound"])
      .optional()
      .describe("Draw every adult living in the election's community or compound from the registry"),
  })
  .meta({ id: "AddElectionVoters" });
export type AddElectionVoters = z.infer<typeof addVotersSchema>;

export const rollReportSchema = z
  .object({ added: z.number().int(), alreadyOnRoll: z.number().int(), roll: z.number().int() })
  .meta({ id: "ElectionRollReport" });

export const openElectionSchema = z.strictObject({ version: z.number().int(), closesAt: instant }).meta({ id: "OpenElection" });
export type OpenElection = z.infer<typeof openElectionSchema>;

export const closeElectionSchema = z
  .strictObject({
    version: z.number().int(),
    earlyClose: earlyCloseSchema.optional().describe("Required to close before `closesAt`"),
  })
  .meta({ id: "CloseElection" });
export type CloseElection = z.infer<typeof closeElectionSchema>;

export const electionBallotSchema = z
  .strictObject({
    choices: z
      .record(
        z.uuid(),
        z
          .array(z.uuid())
          .max(99)
          .refine(unique, { params: { code: "duplicate" } }),
      )
      .describe("For each position, the candidates chosen (at most its seats); a position left out is blank"),
    paper: z.boolean().default(false).describe("Staff entering a paper ballot taken from the box"),
    voterId: z
      .uuid()
      .optional()
      .describe("An owners' election's paper ballot: the roll entry it was handed to (its weight is that owner's area)"),
  })
  .meta({ id: "ElectionBallot" });
export type ElectionBallot = z.infer<typeof electionBallotSchema>;
