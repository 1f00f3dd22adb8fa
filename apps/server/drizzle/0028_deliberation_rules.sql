ALTER TABLE "election_ballots" ADD COLUMN "area_cents" bigint;--> statement-breakpoint
ALTER TABLE "election_voters" ADD COLUMN "owner_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "election_voters" ADD COLUMN "area_cents" bigint;--> statement-breakpoint
ALTER TABLE "election_voters" ADD COLUMN "paper_entered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "counting" text DEFAULT 'plurality' NOT NULL;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "threshold_numerator" smallint;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "threshold_denominator" smallint;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "early_close_reason" text;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "early_close_decided_by" text;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "early_close_reason" text;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "early_close_decided_by" text;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "motions" ADD COLUMN "rule_correction" text;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "election_voters_owner_idx" ON "election_voters" USING gin ("owner_ids");--> statement-breakpoint
-- Civil Code art. 278: using the maintenance funds (item 5) is an ordinary matter; Linli required
-- three quarters for it until now. Motions made under that requirement keep their rule and stored
-- result, and say that they were counted under a rule since corrected.
UPDATE "motions" SET "rule_correction" = 'use_maintenance_fund_is_ordinary'
  WHERE "matter" = 'use_maintenance_fund' AND "rule" = 'owners_special';
