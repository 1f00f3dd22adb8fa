CREATE TABLE "role_permissions" (
	"role" text NOT NULL,
	"permission" text NOT NULL,
	CONSTRAINT "role_permissions_role_permission_pk" PRIMARY KEY("role","permission")
);
--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('system_admin', 'identity.users.read'),
  ('system_admin', 'identity.users.manage'),
  ('security_admin', 'identity.users.read'),
  ('security_admin', 'identity.permissions.manage'),
  ('audit_admin', 'audit.read');
