CREATE TABLE "patrol_hazards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patrol_id" uuid NOT NULL,
	"description" text NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"case_id" uuid,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrols" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"patroller_user_id" uuid NOT NULL,
	"companions" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"route" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"distance_metres" integer DEFAULT 0 NOT NULL,
	"notes" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "patrol_hazards" ADD CONSTRAINT "patrol_hazards_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_patroller_user_id_users_id_fk" FOREIGN KEY ("patroller_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patrol_hazards_patrol_idx" ON "patrol_hazards" USING btree ("patrol_id");--> statement-breakpoint
CREATE INDEX "patrols_patroller_idx" ON "patrols" USING btree ("patroller_user_id","started_at");--> statement-breakpoint
CREATE INDEX "patrols_region_idx" ON "patrols" USING btree ("region_code" text_pattern_ops,"started_at");