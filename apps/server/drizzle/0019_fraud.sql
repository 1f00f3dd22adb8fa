CREATE TABLE "fraud_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"deadline" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_warnings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"household_id" uuid,
	"region_code" text NOT NULL,
	"grid_code" text,
	"assignee_user_id" uuid,
	"reason" text NOT NULL,
	"deadline" date NOT NULL,
	"outcome" text,
	"note" text DEFAULT '' NOT NULL,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_years" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"cases_solved" integer NOT NULL,
	"arrests" integer NOT NULL,
	"funds_stopped_fen" bigint NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fraud_years_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
ALTER TABLE "fraud_campaigns" ADD CONSTRAINT "fraud_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_warnings" ADD CONSTRAINT "fraud_warnings_campaign_id_fraud_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."fraud_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_warnings" ADD CONSTRAINT "fraud_warnings_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_warnings" ADD CONSTRAINT "fraud_warnings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_warnings" ADD CONSTRAINT "fraud_warnings_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_warnings" ADD CONSTRAINT "fraud_warnings_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_years" ADD CONSTRAINT "fraud_years_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fraud_campaigns_region_idx" ON "fraud_campaigns" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "fraud_warnings_campaign_resident_idx" ON "fraud_warnings" USING btree ("campaign_id","resident_id");--> statement-breakpoint
CREATE INDEX "fraud_warnings_assignee_idx" ON "fraud_warnings" USING btree ("assignee_user_id","deadline");--> statement-breakpoint
CREATE INDEX "fraud_warnings_region_idx" ON "fraud_warnings" USING btree ("region_code");--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'fraud.read'), ('county_admin', 'fraud.read'), ('township_admin', 'fraud.read'), ('township_admin', 'fraud.manage'), ('chief_grid_leader', 'fraud.read'), ('grid_leader', 'fraud.read'), ('police_liaison', 'fraud.read'), ('police_liaison', 'fraud.manage')
ON CONFLICT DO NOTHING;
