CREATE SEQUENCE "public"."case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "case_calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"party" text,
	"department" text,
	"limits" jsonb,
	"working_hours" boolean DEFAULT false NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_user_id" uuid,
	"note" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"tracking_hash" text NOT NULL,
	"category_code" text NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"region_code" text NOT NULL,
	"county_code" text NOT NULL,
	"grid_code" text,
	"compound_id" uuid,
	"pooled" boolean DEFAULT false NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"address" text DEFAULT '' NOT NULL,
	"description" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reporter_user_id" uuid,
	"reporter_name" text,
	"reporter_phone_sealed" text,
	"reporter_phone_masked" text,
	"party_kind" text,
	"party_name" text,
	"handler_user_id" uuid,
	"limits" jsonb NOT NULL,
	"working_hours" boolean NOT NULL,
	"stage" text,
	"due_at" timestamp with time zone,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"merged_into" uuid,
	"rework_count" smallint DEFAULT 0 NOT NULL,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"handled_on_time" boolean,
	"rating" smallint,
	"rating_comment" text,
	"reported_at" timestamp with time zone NOT NULL,
	"registered_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number"),
	CONSTRAINT "cases_tracking_hash_unique" UNIQUE("tracking_hash")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"owner" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_owner_key_pk" PRIMARY KEY("owner","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid,
	"case_number" text,
	"level" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_photos" ADD CONSTRAINT "case_photos_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_photos" ADD CONSTRAINT "case_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_code_case_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."case_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handler_user_id_users_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_categories_parent_idx" ON "case_categories" USING btree ("parent_code","sort");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "cases_region_status_idx" ON "cases" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "cases_grid_status_idx" ON "cases" USING btree ("grid_code","status");--> statement-breakpoint
CREATE INDEX "cases_handler_idx" ON "cases" USING btree ("handler_user_id","status");--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "cases" USING btree ("reporter_user_id");--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("due_at") WHERE "cases"."stage" is not null;--> statement-breakpoint
CREATE INDEX "cases_category_reported_idx" ON "cases" USING btree ("category_code","reported_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
-- GB/T 30428 city-management classes (部件 / 事件) and the community's own; admins edit them (cases.configure).
INSERT INTO "case_categories" ("code", "parent_code", "kind", "name", "name_en", "party", "department", "limits", "working_hours", "questions", "sort") VALUES
  ('component.public_facilities', NULL, 'component', '公共设施', 'Public facilities', NULL, NULL, NULL, false, '[]', 100),
  ('component.roads', NULL, 'component', '道路交通', 'Roads and traffic', NULL, NULL, NULL, false, '[]', 200),
  ('component.cityscape', NULL, 'component', '市容环境', 'Cityscape and sanitation', NULL, NULL, NULL, false, '[]', 300),
  ('component.greenery', NULL, 'component', '园林绿化', 'Parks and greenery', NULL, NULL, NULL, false, '[]', 400),
  ('component.housing', NULL, 'component', '房屋土地', 'Buildings and land', NULL, NULL, NULL, false, '[]', 500),
  ('component.other', NULL, 'component', '其他设施', 'Other facilities', NULL, NULL, NULL, false, '[]', 600),
  ('incident.cityscape', NULL, 'incident', '市容环境', 'Cityscape and sanitation', NULL, NULL, NULL, false, '[]', 700),
  ('incident.advertising', NULL, 'incident', '宣传广告', 'Advertising', NULL, NULL, NULL, false, '[]', 800),
  ('incident.construction', NULL, 'incident', '施工管理', 'Construction', NULL, NULL, NULL, false, '[]', 900),
  ('incident.emergency', NULL, 'incident', '突发事件', 'Emergencies', NULL, NULL, NULL, false, '[]', 1000),
  ('incident.street_order', NULL, 'incident', '街面秩序', 'Street order', NULL, NULL, NULL, false, '[]', 1100),
  ('community.disputes', NULL, 'community', '矛盾纠纷', 'Disputes', NULL, NULL, NULL, false, '[]', 1200),
  ('community.hazards', NULL, 'community', '安全隐患', 'Safety hazards', NULL, NULL, NULL, false, '[]', 1300),
  ('community.livelihood', NULL, 'community', '民生诉求', 'Residents'' needs', NULL, NULL, NULL, false, '[]', 1400),
  ('community.property', NULL, 'community', '物业服务', 'Property services', NULL, NULL, NULL, false, '[]', 1500),
  ('component.public_facilities.street_lamp', 'component.public_facilities', 'component', '路灯', 'Street lamp', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[{"code": "pole_number", "label": "灯杆编号", "labelEn": "Pole number", "datatype": "string", "required": false}]', 1),
  ('component.public_facilities.manhole_cover', 'component.public_facilities', 'component', '井盖', 'Manhole cover', 'department', '市政设施维护中心', '{"register": 0.5, "dispatch": 0.5, "handle": 4, "verify": 4}', false, '[{"code": "cover_state", "label": "井盖状况", "labelEn": "Cover state", "datatype": "singlevaluelist", "required": true, "values": [{"key": "missing", "name": "缺失"}, {"key": "broken", "name": "破损"}, {"key": "displaced", "name": "移位"}]}]', 2),
  ('component.public_facilities.water_supply', 'component.public_facilities', 'component', '供水设施', 'Water supply', 'department', '自来水公司', '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 3),
  ('component.public_facilities.power', 'component.public_facilities', 'component', '电力设施', 'Power facilities', 'department', '供电公司', '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 4),
  ('component.public_facilities.fire_hydrant', 'component.public_facilities', 'component', '消防栓', 'Fire hydrant', 'department', '消防救援站', '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 5),
  ('component.public_facilities.public_toilet', 'component.public_facilities', 'component', '公共厕所', 'Public toilet', 'department', '环卫所', '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 6),
  ('component.roads.road_surface', 'component.roads', 'component', '道路破损', 'Damaged road', 'property_company', NULL, '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 7),
  ('component.roads.traffic_sign', 'component.roads', 'component', '交通标志', 'Traffic sign', 'department', '交警大队', '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', true, '[]', 8),
  ('component.roads.bus_stop', 'component.roads', 'component', '公交站亭', 'Bus shelter', 'department', '公交公司', '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', true, '[]', 9),
  ('component.cityscape.litter_bin', 'component.cityscape', 'component', '垃圾箱', 'Litter bin', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 10),
  ('component.cityscape.sorting_station', 'component.cityscape', 'component', '垃圾分类投放点', 'Waste sorting station', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 11),
  ('component.greenery.trees', 'component.greenery', 'component', '树木', 'Trees', 'property_company', NULL, '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 12),
  ('component.greenery.green_space', 'component.greenery', 'component', '绿地', 'Green space', 'property_company', NULL, '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 13),
  ('component.housing.dangerous_building', 'component.housing', 'component', '危房', 'Unsafe building', 'department', '住房和城乡建设局', '{"register": 0.5, "dispatch": 0.5, "handle": 4, "verify": 4}', false, '[]', 14),
  ('component.housing.illegal_building', 'component.housing', 'component', '违法建设', 'Illegal construction', 'department', '城管执法中队', '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 15),
  ('component.other.access_control', 'component.other', 'component', '门禁设施', 'Access control', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 16),
  ('component.other.camera', 'component.other', 'component', '监控设施', 'Cameras', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 17),
  ('incident.cityscape.exposed_garbage', 'incident.cityscape', 'incident', '暴露垃圾', 'Exposed garbage', 'property_company', NULL, '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 18),
  ('incident.cityscape.sewage', 'incident.cityscape', 'incident', '污水外溢', 'Sewage overflow', 'property_company', NULL, '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 19),
  ('incident.advertising.illegal_ads', 'incident.advertising', 'incident', '乱张贴', 'Illegal posting', 'community', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', true, '[]', 20),
  ('incident.advertising.billboard', 'incident.advertising', 'incident', '违规户外广告', 'Unauthorised billboard', 'department', '城管执法中队', '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 21),
  ('incident.construction.noise', 'incident.construction', 'incident', '施工扰民', 'Construction noise', 'department', '城管执法中队', '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 22),
  ('incident.construction.debris', 'incident.construction', 'incident', '渣土遗撒', 'Construction debris', 'department', '城管执法中队', '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 23),
  ('incident.emergency.flooding', 'incident.emergency', 'incident', '道路积水', 'Flooding', 'department', '市政设施维护中心', '{"register": 0.5, "dispatch": 0.5, "handle": 4, "verify": 4}', false, '[]', 24),
  ('incident.emergency.fire', 'incident.emergency', 'incident', '火情', 'Fire', 'department', '消防救援站', '{"register": 0.5, "dispatch": 0.5, "handle": 4, "verify": 4}', false, '[]', 25),
  ('incident.street_order.street_vending', 'incident.street_order', 'incident', '占道经营', 'Street vending', 'community', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', true, '[]', 26),
  ('incident.street_order.parking', 'incident.street_order', 'incident', '乱停车', 'Illegal parking', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 27),
  ('community.disputes.neighbour', 'community.disputes', 'community', '邻里纠纷', 'Neighbour dispute', 'community', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[{"code": "parties", "label": "当事人数", "labelEn": "Number of parties", "datatype": "number", "required": false}]', 28),
  ('community.disputes.family', 'community.disputes', 'community', '家庭纠纷', 'Family dispute', 'community', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[{"code": "parties", "label": "当事人数", "labelEn": "Number of parties", "datatype": "number", "required": false}]', 29),
  ('community.disputes.property', 'community.disputes', 'community', '物业纠纷', 'Property dispute', 'owners_committee', NULL, '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[{"code": "parties", "label": "当事人数", "labelEn": "Number of parties", "datatype": "number", "required": false}]', 30),
  ('community.hazards.fire_safety', 'community.hazards', 'community', '消防隐患', 'Fire-safety hazard', 'property_company', NULL, '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 31),
  ('community.hazards.ebike_charging', 'community.hazards', 'community', '电动车违规充电', 'E-bike charging indoors', 'property_company', NULL, '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 32),
  ('community.hazards.falling_objects', 'community.hazards', 'community', '高空坠物隐患', 'Falling-object hazard', 'property_company', NULL, '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 33),
  ('community.livelihood.elderly_care', 'community.livelihood', 'community', '养老服务', 'Elderly care', 'community', NULL, '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 34),
  ('community.livelihood.assistance', 'community.livelihood', 'community', '困难帮扶', 'Help in hardship', 'community', NULL, '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 35),
  ('community.livelihood.other', 'community.livelihood', 'community', '其他诉求', 'Other needs', 'community', NULL, '{"register": 4, "dispatch": 4, "handle": 120, "verify": 48}', true, '[]', 36),
  ('community.property.repairs', 'community.property', 'community', '报修', 'Repairs', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 37),
  ('community.property.cleaning', 'community.property', 'community', '保洁', 'Cleaning', 'property_company', NULL, '{"register": 2, "dispatch": 2, "handle": 48, "verify": 24}', false, '[]', 38),
  ('community.property.security', 'community.property', 'community', '秩序维护', 'Security and order', 'property_company', NULL, '{"register": 1, "dispatch": 1, "handle": 24, "verify": 12}', false, '[]', 39);
--> statement-breakpoint
-- The defaults that ship with the code (packages/contracts/src/permissions.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('city_admin', 'cases.read'), ('city_admin', 'cases.configure'), ('county_admin', 'cases.read'), ('county_admin', 'cases.handle'), ('township_admin', 'cases.read'), ('township_admin', 'cases.report'), ('township_admin', 'cases.dispatch'), ('township_admin', 'cases.handle'), ('chief_grid_leader', 'cases.read'), ('chief_grid_leader', 'cases.report'), ('chief_grid_leader', 'cases.dispatch'), ('chief_grid_leader', 'cases.handle'), ('grid_leader', 'cases.read'), ('grid_leader', 'cases.report'), ('grid_leader', 'cases.dispatch'), ('grid_leader', 'cases.handle'), ('grid_member', 'cases.read'), ('grid_member', 'cases.report'), ('property_staff', 'cases.read'), ('property_staff', 'cases.report'), ('property_staff', 'cases.handle'), ('committee_member', 'cases.read'), ('committee_member', 'cases.report'), ('committee_member', 'cases.handle'), ('social_worker', 'cases.report'), ('police_liaison', 'cases.report'), ('resident', 'cases.report'), ('system_admin', 'open311.clients.manage')
ON CONFLICT DO NOTHING;
