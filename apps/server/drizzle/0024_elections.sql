CREATE TABLE "election_ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"choices" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"position_id" uuid NOT NULL,
	"name" text NOT NULL,
	"resident_id" uuid,
	"ordinal" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_positions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"name" text NOT NULL,
	"seats" smallint NOT NULL,
	"majority_required" boolean DEFAULT false NOT NULL,
	"ordinal" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_voters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"roll_number" text NOT NULL,
	"name" text NOT NULL,
	"resident_id" uuid,
	"channel" text,
	"voted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"compound_id" uuid,
	"organisation" text NOT NULL,
	"organisation_kind" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"paper_ballots_entered" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_position_id_election_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."election_positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_positions" ADD CONSTRAINT "election_positions_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "election_ballots_election_idx" ON "election_ballots" USING btree ("election_id");--> statement-breakpoint
CREATE INDEX "election_candidates_position_idx" ON "election_candidates" USING btree ("position_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_positions_name_idx" ON "election_positions" USING btree ("election_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "election_voters_number_idx" ON "election_voters" USING btree ("election_id","roll_number");--> statement-breakpoint
CREATE UNIQUE INDEX "election_voters_resident_idx" ON "election_voters" USING btree ("election_id","resident_id") WHERE "election_voters"."resident_id" is not null;--> statement-breakpoint
CREATE INDEX "elections_region_idx" ON "elections" USING btree ("region_code" text_pattern_ops);