-- The audit trail is append-only for everyone who goes through SQL without disabling triggers
-- (which needs a superuser, and which the hash chain then exposes): no delete, no truncate, and
-- an update only where the sealer links a not-yet-sealed row into the chain.
CREATE FUNCTION "audit_events_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.chain_seq IS NOT NULL THEN
    RAISE EXCEPTION 'a sealed audit row cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_username, NEW.actor_roles, NEW.ip, NEW.action,
      NEW.entity_type, NEW.entity_id, NEW.result, NEW.reason, NEW.content_hash)
     IS DISTINCT FROM
     (OLD.id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_username, OLD.actor_roles, OLD.ip, OLD.action,
      OLD.entity_type, OLD.entity_id, OLD.result, OLD.reason, OLD.content_hash) THEN
    RAISE EXCEPTION 'audit content cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_guard_rows" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_guard"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_guard_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_guard"();
