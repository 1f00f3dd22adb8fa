CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"household_id" uuid NOT NULL,
	"resident_id" uuid,
	"visit_id" uuid,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"handler_user_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "service_request_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_handler_user_id_users_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_requests_region_idx" ON "service_requests" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "service_requests_visit_idx" ON "service_requests" USING btree ("visit_id");--> statement-breakpoint
INSERT INTO role_permissions (role, permission) VALUES
  ('city_admin', 'services.read'),
  ('county_admin', 'services.read'),
  ('township_admin', 'services.read'),
  ('chief_grid_leader', 'services.read'),
  ('chief_grid_leader', 'services.handle'),
  ('grid_leader', 'services.read'),
  ('grid_leader', 'services.handle'),
  ('social_worker', 'services.read'),
  ('social_worker', 'services.handle')
ON CONFLICT DO NOTHING;
