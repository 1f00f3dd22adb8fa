CREATE TABLE "visit_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"tag" text,
	"register" text,
	"frequency" text NOT NULL,
	"companions" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"resident_id" uuid,
	"subject_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"assignee_user_id" uuid,
	"period_start" date NOT NULL,
	"due_date" date NOT NULL,
	"visit_id" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"resident_id" uuid,
	"region_code" text NOT NULL,
	"grid_code" text,
	"visitor_user_id" uuid NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"met_with" text NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"register" text,
	"register_note" text,
	"case_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "visit_id" uuid;--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_rule_id_visit_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."visit_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_tasks" ADD CONSTRAINT "visit_tasks_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visitor_user_id_users_id_fk" FOREIGN KEY ("visitor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_rules_region_idx" ON "visit_rules" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_tasks_rule_subject_period_idx" ON "visit_tasks" USING btree ("rule_id","subject_id","period_start");--> statement-breakpoint
CREATE INDEX "visit_tasks_assignee_idx" ON "visit_tasks" USING btree ("assignee_user_id","due_date");--> statement-breakpoint
CREATE INDEX "visit_tasks_region_idx" ON "visit_tasks" USING btree ("region_code","period_start");--> statement-breakpoint
CREATE INDEX "visit_tasks_household_idx" ON "visit_tasks" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "visits_household_idx" ON "visits" USING btree ("household_id","visited_at");--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'visits.read'), ('county_admin', 'visits.read'), ('township_admin', 'visits.read'), ('township_admin', 'visits.plan'), ('chief_grid_leader', 'visits.read'), ('chief_grid_leader', 'visits.record'), ('chief_grid_leader', 'visits.plan'), ('grid_leader', 'visits.read'), ('grid_leader', 'visits.record'), ('grid_member', 'visits.record'), ('social_worker', 'visits.record'), ('police_liaison', 'visits.record')
ON CONFLICT DO NOTHING;
