ALTER TABLE "users" ADD COLUMN "region_scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "grid_scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Accounts that existed before scopes were deployment-level administrators: they keep seeing everything.
UPDATE "users" SET "region_scopes" = '{*}' WHERE "roles" && '{system_admin,security_admin,audit_admin}'::text[];
--> statement-breakpoint
-- New default grants (packages/contracts/src/permissions.ts): city, county and township
-- administrators manage the accounts inside their own scope.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'identity.users.read'),
  ('city_admin', 'identity.users.manage'),
  ('county_admin', 'identity.users.read'),
  ('county_admin', 'identity.users.manage'),
  ('township_admin', 'identity.users.read'),
  ('township_admin', 'identity.users.manage')
ON CONFLICT DO NOTHING;
