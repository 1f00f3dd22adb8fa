CREATE TABLE "dwelling_owners" (
	"dwelling_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dwelling_owners_dwelling_id_resident_id_pk" PRIMARY KEY("dwelling_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"resident_id" uuid,
	"name" text NOT NULL,
	"party" text NOT NULL,
	"method" text NOT NULL,
	"recorded_by" uuid,
	"signed_in_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"compound_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"host" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"agenda" text NOT NULL,
	"invitees" text[] NOT NULL,
	"noticed_at" timestamp with time zone,
	"sign_in_code" text NOT NULL,
	"minutes" text,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "motion_ballots" (
	"motion_id" uuid NOT NULL,
	"unit" integer NOT NULL,
	"choice" text NOT NULL,
	"channel" text NOT NULL,
	"paper_number" text,
	"cast_by" uuid NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	"replaced" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "motion_ballots_motion_id_unit_pk" PRIMARY KEY("motion_id","unit")
);
--> statement-breakpoint
CREATE TABLE "motion_roll" (
	"motion_id" uuid NOT NULL,
	"unit" integer NOT NULL,
	"dwelling_ids" uuid[] NOT NULL,
	"owner_ids" uuid[] NOT NULL,
	"area_cents" bigint NOT NULL,
	CONSTRAINT "motion_roll_motion_id_unit_pk" PRIMARY KEY("motion_id","unit")
);
--> statement-breakpoint
CREATE TABLE "motions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"compound_id" uuid,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"matter" text NOT NULL,
	"rule" text NOT NULL,
	"threshold_numerator" smallint,
	"threshold_denominator" smallint,
	"revote" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"hands_for" integer,
	"hands_against" integer,
	"hands_abstain" integer,
	"tally" jsonb,
	"passed" boolean,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolution_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resolution_id" uuid NOT NULL,
	"title" text NOT NULL,
	"assignee_kind" text NOT NULL,
	"assignee_name" text NOT NULL,
	"due_on" date NOT NULL,
	"profile_change" jsonb,
	"completed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolution_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"motion_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"compound_id" uuid,
	"title" text NOT NULL,
	"adopted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolutions_motion_id_unique" UNIQUE("motion_id")
);
--> statement-breakpoint
ALTER TABLE "dwellings" ALTER COLUMN "floor_area" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "resident_id" uuid;--> statement-breakpoint
ALTER TABLE "dwelling_owners" ADD CONSTRAINT "dwelling_owners_dwelling_id_dwellings_id_fk" FOREIGN KEY ("dwelling_id") REFERENCES "public"."dwellings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dwelling_owners" ADD CONSTRAINT "dwelling_owners_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_ballots" ADD CONSTRAINT "motion_ballots_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_ballots" ADD CONSTRAINT "motion_ballots_cast_by_users_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_roll" ADD CONSTRAINT "motion_roll_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_actions" ADD CONSTRAINT "resolution_actions_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_progress" ADD CONSTRAINT "resolution_progress_action_id_resolution_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."resolution_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_progress" ADD CONSTRAINT "resolution_progress_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dwelling_owners_resident_idx" ON "dwelling_owners" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_resident_idx" ON "meeting_attendance" USING btree ("meeting_id","resident_id") WHERE "meeting_attendance"."resident_id" is not null;--> statement-breakpoint
CREATE INDEX "meetings_region_idx" ON "meetings" USING btree ("region_code" text_pattern_ops,"starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "motion_ballots_paper_idx" ON "motion_ballots" USING btree ("motion_id","paper_number") WHERE "motion_ballots"."paper_number" is not null;--> statement-breakpoint
CREATE INDEX "motion_roll_owner_idx" ON "motion_roll" USING gin ("owner_ids");--> statement-breakpoint
CREATE INDEX "motions_meeting_idx" ON "motions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "motions_region_idx" ON "motions" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resolution_actions_resolution_idx" ON "resolution_actions" USING btree ("resolution_id");--> statement-breakpoint
CREATE INDEX "resolution_progress_action_idx" ON "resolution_progress" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "resolutions_region_idx" ON "resolutions" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'deliberation.read'),
  ('county_admin', 'deliberation.read'),
  ('township_admin', 'deliberation.read'),
  ('township_admin', 'deliberation.manage'),
  ('chief_grid_leader', 'deliberation.read'),
  ('chief_grid_leader', 'deliberation.manage'),
  ('grid_leader', 'deliberation.read'),
  ('grid_leader', 'deliberation.manage'),
  ('property_staff', 'deliberation.read'),
  ('committee_member', 'deliberation.read'),
  ('committee_member', 'deliberation.manage'),
  ('resident', 'deliberation.vote')
ON CONFLICT DO NOTHING;
