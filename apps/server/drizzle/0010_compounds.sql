CREATE TABLE "compound_profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"property_management" text NOT NULL,
	"property_company" text,
	"contract_from" date,
	"contract_to" date,
	"guards" boolean NOT NULL,
	"watch_24h" boolean NOT NULL,
	"fence" boolean NOT NULL,
	"gate" boolean NOT NULL,
	"smart_access" boolean NOT NULL,
	"cameras" boolean NOT NULL,
	"owners_committee" boolean NOT NULL,
	"decision_ref" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"county_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"dwellings_count" integer,
	"year_built" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compound_profiles" ADD CONSTRAINT "compound_profiles_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compound_profiles_compound_idx" ON "compound_profiles" USING btree ("compound_id","effective_from");--> statement-breakpoint
CREATE INDEX "compounds_region_code_idx" ON "compounds" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "compounds_region_name_idx" ON "compounds" USING btree ("region_code","name");--> statement-breakpoint
-- New default grants (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'grids.read'), ('city_admin', 'grids.manage'),
  ('county_admin', 'grids.read'), ('county_admin', 'grids.manage'),
  ('township_admin', 'grids.read'), ('township_admin', 'grids.manage'),
  ('chief_grid_leader', 'grids.read'), ('chief_grid_leader', 'grids.manage'),
  ('grid_leader', 'grids.read'), ('grid_member', 'grids.read'), ('property_staff', 'grids.read'),
  ('committee_member', 'grids.read'), ('social_worker', 'grids.read'), ('police_liaison', 'grids.read')
ON CONFLICT DO NOTHING;
