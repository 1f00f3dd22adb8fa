CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_username" text,
	"actor_roles" text[] NOT NULL,
	"ip" text,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"result" text NOT NULL,
	"reason" text,
	"content_hash" text NOT NULL,
	"chain_seq" bigint,
	"prev_hash" text,
	"chain_hash" text,
	"sealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_idx" ON "audit_events" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" USING btree ("id") WHERE "audit_events"."chain_seq" is null;--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");