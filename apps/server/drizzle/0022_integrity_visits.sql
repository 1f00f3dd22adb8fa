CREATE TABLE "integrity_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"official_name" text NOT NULL,
	"official_post" text NOT NULL,
	"family_met" text NOT NULL,
	"visitors" text[] NOT NULL,
	"visited_on" date NOT NULL,
	"talk" text NOT NULL,
	"risks_noted" text DEFAULT '' NOT NULL,
	"commitment_signed" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "integrity_visits" ADD CONSTRAINT "integrity_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integrity_visits_region_idx" ON "integrity_visits" USING btree ("region_code" text_pattern_ops,"visited_on");--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES ('discipline_officer', 'integrity.visits')
ON CONFLICT DO NOTHING;
