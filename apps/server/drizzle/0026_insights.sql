CREATE TABLE "insight_changes" (
	"region_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_facts" (
	"region_code" text NOT NULL,
	"grid_code" text NOT NULL,
	"metric" text NOT NULL,
	"period" text NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "insight_facts_region_code_grid_code_metric_period_pk" PRIMARY KEY("region_code","grid_code","metric","period")
);
--> statement-breakpoint
CREATE TABLE "insight_refreshes" (
	"id" smallint PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_totals" (
	"area" text NOT NULL,
	"parent" text,
	"metric" text NOT NULL,
	"period" text NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "insight_totals_area_metric_period_pk" PRIMARY KEY("area","metric","period")
);
--> statement-breakpoint
CREATE INDEX "insight_facts_grid_idx" ON "insight_facts" USING btree ("grid_code") WHERE "insight_facts"."grid_code" <> '';--> statement-breakpoint
CREATE INDEX "insight_totals_parent_idx" ON "insight_totals" USING btree ("parent","metric","period");--> statement-breakpoint
-- Marks the region codes whose rows a statement changed, for the overview's refresher. Statement
-- triggers with transition tables: one insert per statement, however many rows it wrote.
CREATE FUNCTION "insight_mark_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_changes (region_code) SELECT DISTINCT region_code FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO insight_changes (region_code) SELECT region_code FROM new_rows UNION SELECT region_code FROM old_rows;
  ELSE
    INSERT INTO insight_changes (region_code) SELECT DISTINCT region_code FROM old_rows;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  counted text;
BEGIN
  FOREACH counted IN ARRAY ARRAY['residents', 'households', 'register_entries', 'cases', 'visit_tasks', 'disputes'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_mark_changes()', counted || '_insight_inserts', counted);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_mark_changes()', counted || '_insight_updates', counted);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_mark_changes()', counted || '_insight_deletes', counted);
  END LOOP;
END $$;
--> statement-breakpoint
-- What is already there is counted by the first refresh.
INSERT INTO insight_changes (region_code)
  SELECT region_code FROM residents UNION SELECT region_code FROM households UNION SELECT region_code FROM register_entries
  UNION SELECT region_code FROM cases UNION SELECT region_code FROM visit_tasks UNION SELECT region_code FROM disputes;
--> statement-breakpoint
INSERT INTO role_permissions (role, permission) VALUES
  ('city_admin', 'insights.read'),
  ('county_admin', 'insights.read'),
  ('township_admin', 'insights.read'),
  ('chief_grid_leader', 'insights.read'),
  ('grid_leader', 'insights.read')
ON CONFLICT DO NOTHING;
