CREATE TABLE "grid_compounds" (
	"grid_code" text NOT NULL,
	"compound_id" uuid NOT NULL,
	CONSTRAINT "grid_compounds_grid_code_compound_id_pk" PRIMARY KEY("grid_code","compound_id")
);
--> statement-breakpoint
CREATE TABLE "grid_staff" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"grid_code" text,
	"user_id" uuid NOT NULL,
	"post" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"code" text PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"county_code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grid_compounds" ADD CONSTRAINT "grid_compounds_grid_code_grids_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grids"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_compounds" ADD CONSTRAINT "grid_compounds_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_staff" ADD CONSTRAINT "grid_staff_grid_code_grids_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grids"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_staff" ADD CONSTRAINT "grid_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_staff_region_idx" ON "grid_staff" USING btree ("region_code","post");--> statement-breakpoint
CREATE INDEX "grid_staff_grid_idx" ON "grid_staff" USING btree ("grid_code","post");--> statement-breakpoint
CREATE INDEX "grid_staff_user_idx" ON "grid_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "grids_region_code_idx" ON "grids" USING btree ("region_code" text_pattern_ops);