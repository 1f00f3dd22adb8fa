-- Fuzzy name search (similarity, %): trusted since PostgreSQL 13, so the database owner may create it; PGlite loads it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "collection_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"resident_id" uuid,
	"resident_name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"payload" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"dwelling_id" uuid,
	"head_resident_id" uuid,
	"ended_at" timestamp with time zone,
	"merged_into" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"register" text NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"status" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"visit_frequency" text NOT NULL,
	"responsible" text NOT NULL,
	"note" text,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid,
	"household_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_date" date,
	"actor_user_id" uuid,
	"approved_by" uuid,
	"submission_id" uuid,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"household_id" uuid,
	"dwelling_id" uuid,
	"name" text NOT NULL,
	"id_number_sealed" text,
	"id_number_index" text,
	"id_number_masked" text,
	"gender" text,
	"birth_date" date,
	"phone_sealed" text,
	"phone_index" text,
	"phone_masked" text,
	"ethnicity" text,
	"registration" text NOT NULL,
	"home_region_code" text,
	"political_status" text,
	"relation" text,
	"living_status" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collection_submissions" ADD CONSTRAINT "collection_submissions_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_submissions" ADD CONSTRAINT "collection_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_submissions" ADD CONSTRAINT "collection_submissions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_dwelling_id_dwellings_id_fk" FOREIGN KEY ("dwelling_id") REFERENCES "public"."dwellings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_events" ADD CONSTRAINT "resident_events_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_events" ADD CONSTRAINT "resident_events_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_events" ADD CONSTRAINT "resident_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_events" ADD CONSTRAINT "resident_events_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_dwelling_id_dwellings_id_fk" FOREIGN KEY ("dwelling_id") REFERENCES "public"."dwellings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collection_submissions_status_region_idx" ON "collection_submissions" USING btree ("status","region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "collection_submissions_submitter_idx" ON "collection_submissions" USING btree ("submitted_by","submitted_at");--> statement-breakpoint
CREATE INDEX "households_region_code_idx" ON "households" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "households_dwelling_idx" ON "households" USING btree ("dwelling_id");--> statement-breakpoint
CREATE UNIQUE INDEX "register_entries_resident_register_idx" ON "register_entries" USING btree ("resident_id","register");--> statement-breakpoint
CREATE INDEX "register_entries_register_region_idx" ON "register_entries" USING btree ("register","region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resident_events_resident_idx" ON "resident_events" USING btree ("resident_id","occurred_at");--> statement-breakpoint
CREATE INDEX "resident_events_household_idx" ON "resident_events" USING btree ("household_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_number_index_idx" ON "residents" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "residents_phone_index_idx" ON "residents" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "residents_region_name_idx" ON "residents" USING btree ("region_code" text_pattern_ops,"name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_grid_idx" ON "residents" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "residents_name_trgm_idx" ON "residents" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "residents_tags_idx" ON "residents" USING gin ("tags");--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'people.read'), ('county_admin', 'people.read'),
  ('township_admin', 'people.read'), ('township_admin', 'people.manage'),
  ('chief_grid_leader', 'people.read'), ('chief_grid_leader', 'people.manage'), ('chief_grid_leader', 'people.review'),
  ('chief_grid_leader', 'people.reveal'), ('chief_grid_leader', 'registers.child_in_difficulty.read'),
  ('chief_grid_leader', 'registers.family_in_difficulty.read'), ('chief_grid_leader', 'registers.severe_mental_disorder.read'),
  ('chief_grid_leader', 'registers.key_youth.read'),
  ('grid_leader', 'people.read'), ('grid_leader', 'people.manage'), ('grid_leader', 'people.review'),
  ('grid_leader', 'registers.child_in_difficulty.read'), ('grid_leader', 'registers.family_in_difficulty.read'),
  ('grid_member', 'people.read'), ('grid_member', 'people.collect'),
  ('social_worker', 'people.read'), ('social_worker', 'registers.child_in_difficulty.read'),
  ('social_worker', 'registers.family_in_difficulty.read'), ('social_worker', 'registers.key_youth.read'),
  ('police_liaison', 'people.read'), ('police_liaison', 'people.reveal'),
  ('police_liaison', 'registers.drug_rehabilitation.read'), ('police_liaison', 'registers.community_correction.read'),
  ('police_liaison', 'registers.released_prisoner.read'), ('police_liaison', 'registers.severe_mental_disorder.read'),
  ('police_liaison', 'registers.key_youth.read'),
  ('chief_grid_leader', 'registers.manage'), ('social_worker', 'registers.manage'), ('police_liaison', 'registers.manage')
ON CONFLICT DO NOTHING;
