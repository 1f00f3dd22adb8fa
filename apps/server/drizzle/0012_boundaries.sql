ALTER TABLE "compounds" ADD COLUMN "boundary" jsonb;--> statement-breakpoint
ALTER TABLE "grids" ADD COLUMN "boundary" jsonb;--> statement-breakpoint
ALTER TABLE "grids" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "boundary" jsonb;