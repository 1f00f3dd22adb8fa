-- The application's database role (等保 2.0 安全审计: the audit trail cannot be altered by the
-- application). The server migrates as the login user (the owner), then works as linli_app:
-- every table readable and writable, except audit_events, which it may only read and append to,
-- and seal (the four chain columns, which the append-only trigger lets it set once).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linli_app') THEN
    CREATE ROLE linli_app NOLOGIN;
  END IF;
  -- The owner must be able to SET ROLE linli_app (PostgreSQL 15 does not make a role's creator a member).
  IF NOT pg_has_role(current_user, 'linli_app', 'MEMBER') THEN
    EXECUTE format('GRANT linli_app TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'cannot create or grant role linli_app; see docs/operations.md, "Database roles"';
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linli_app') THEN
    GRANT USAGE ON SCHEMA public TO linli_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO linli_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO linli_app;
    -- Tables that later migrations create are the application's too, unless a migration says otherwise.
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO linli_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO linli_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM linli_app;
    GRANT UPDATE (chain_seq, prev_hash, chain_hash, sealed_at) ON audit_events TO linli_app;
    -- The migration journal is the owner's business.
    GRANT USAGE ON SCHEMA drizzle TO linli_app;
    GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO linli_app;
  END IF;
END $$;
