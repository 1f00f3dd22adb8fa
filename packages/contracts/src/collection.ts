import { z } from "zod";
import { pageQuerySchema, pageSchema } from "./pagination.js";
import { correctResidentRequestSchema, createResidentRequestSchema, fieldChangeSchema } from "./people.js";

export const submissionStatuses = ["pending", "accepted", "returned"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * What a grid member sends from the door (信息采集): a new resident, or a correction of one. It
 * waits as a pending submission until the grid leader accepts or returns it.
 */
export const createSubmissionRequestSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("register"), resident: createResidentRequestSchema }),
    z.strictObject({ kind: z.literal("correct"), residentId: z.uuid(), changes: correctResidentRequestSchema }),
  ])
  .meta({ id: "CreateSubmissionRequest" });
export type CreateSubmissionRequest = z.infer<typeof createSubmissionRequestSchema>;

export const submissionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(["register", "correct"]),
    status: z.enum(submissionStatuses),
    residentId: z.uuid().nullable(),
    residentName: z.string(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    address: z.string(),
    changes: z.array(fieldChangeSchema).describe("The diff against the record as it was; ID and phone masked"),
    submittedBy: z.string(),
    submittedAt: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    comment: z.string().nullable(),
  })
  .meta({ id: "Submission" });
export type Submission = z.infer<typeof submissionSchema>;

export const submissionListQuerySchema = pageQuerySchema.extend({
  status: z.enum(submissionStatuses).optional(),
  mine: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional()
    .describe("Only the caller's own submissions"),
});
export type SubmissionListQuery = z.infer<typeof submissionListQuerySchema>;

export const submissionPageSchema = pageSchema(submissionSchema).meta({ id: "SubmissionPage" });
export type SubmissionPage = z.infer<typeof submissionPageSchema>;

export const returnSubmissionRequestSchema = z
  .strictObject({ comment: z.string().trim().min(1).max(500).describe("What to fix") })
  .meta({ id: "ReturnSubmissionRequest" });
export type ReturnSubmissionRequest = z.infer<typeof returnSubmissionRequestSchema>;

/** A dwelling someone may register people in, as a form offers it. */
export const dwellingChoiceSchema = z.object({
  dwellingId: z.uuid(),
  compoundName: z.string(),
  address: z.string(),
  gridCode: z.string().nullable(),
});
export const dwellingChoiceListSchema = z.object({ items: z.array(dwellingChoiceSchema) }).meta({ id: "DwellingChoiceList" });
export type DwellingChoiceList = z.infer<typeof dwellingChoiceListSchema>;
