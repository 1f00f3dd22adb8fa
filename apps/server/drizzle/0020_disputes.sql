CREATE TABLE "dispute_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"notes" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"parties" jsonb NOT NULL,
	"mediators" text[] NOT NULL,
	"reported_on" date NOT NULL,
	"outcome" text,
	"resolution" text DEFAULT '' NOT NULL,
	"follow_up_on" date,
	"closed_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispute_sessions" ADD CONSTRAINT "dispute_sessions_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_sessions" ADD CONSTRAINT "dispute_sessions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_sessions_dispute_idx" ON "dispute_sessions" USING btree ("dispute_id","held_on");--> statement-breakpoint
CREATE INDEX "disputes_region_idx" ON "disputes" USING btree ("region_code" text_pattern_ops,"reported_on");--> statement-breakpoint
CREATE INDEX "disputes_grid_idx" ON "disputes" USING btree ("grid_code");--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'disputes.read'), ('county_admin', 'disputes.read'), ('township_admin', 'disputes.read'), ('chief_grid_leader', 'disputes.read'), ('chief_grid_leader', 'disputes.record'), ('grid_leader', 'disputes.read'), ('grid_leader', 'disputes.record'), ('grid_member', 'disputes.record'), ('social_worker', 'disputes.record'), ('police_liaison', 'disputes.read'), ('police_liaison', 'disputes.record')
ON CONFLICT DO NOTHING;
