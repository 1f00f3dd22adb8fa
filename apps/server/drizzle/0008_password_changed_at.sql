ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
-- Accounts from before this migration keep their passwords; the age counts from today.
UPDATE "users" SET "password_changed_at" = now();
