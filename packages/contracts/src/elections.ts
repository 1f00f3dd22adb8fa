import { z } from "zod";

const instant = z.iso.datetime({ offset: true });
const communityCode = z.string().regex(/^\d{12}$/, "a community's 12-digit code");
const unique = <T>(list: T[]) => new Set(list).size === list.length;

/** Who elects: an industry or social association, an owners' committee, a residents' committee. */
export const organisationKinds = ["association", "owners_committee", "residents_committee", "other"] as const;

export const createElectionSchema = z
  .strictObject({
    regionCode: communityCode,
    compoundId: z.uuid().optional().describe("For an owners' committee: its compound"),
    organisation: z.string().trim().min(1).max(100).describe("e.g. 衡阳市珠晖区个体劳动者协会"),
    organisationKind: z.enum(organisationKinds),
    title: z.string().trim().min(1).max(100),
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
    status: z.enum(["draft", "open", "closed"]),
    closesAt: instant.nullable(),
    roll: z.number().int(),
    voted: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: "ElectionSummary" });
export type ElectionSummary = z.infer<typeof electionSummarySchema>;

const candidateOutcomes = ["elected", "tied", "not_elected", "short_of_majority"] as const;

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
            outcome: z.enum(candidateOutcomes).nullable(),
          }),
        ),
        /** Once counted. */
        count: z
          .object({ ballots: z.number().int(), blank: z.number().int(), elected: z.number().int(), tiedSeats: z.number().int() })
          .nullable(),
      }),
    ),
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
  })
  .meta({ id: "ElectionBallot" });
export type ElectionBallot = z.infer<typeof electionBallotSchema>;
