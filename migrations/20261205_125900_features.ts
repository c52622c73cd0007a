import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_alarms_severity" AS ENUM('critical', 'major', 'minor', 'warning');
  CREATE TYPE "public"."enum_notifications_channel" AS ENUM('email', 'push');
  CREATE TYPE "public"."enum_notifications_kind" AS ENUM('raised', 'escalated');
  CREATE TYPE "public"."enum_notifications_language" AS ENUM('ru', 'en');
  CREATE TYPE "public"."enum_notifications_state" AS ENUM('queued', 'sending', 'sent', 'failed');
  CREATE TYPE "public"."enum_devices_platform" AS ENUM('ios', 'android', 'web');
  CREATE TYPE "public"."enum_devices_language" AS ENUM('ru', 'en');
  CREATE TYPE "public"."enum_partners_alarm_mail_severities" AS ENUM('critical', 'major', 'minor', 'warning');
  CREATE TYPE "public"."enum_partners_alarm_mail_language" AS ENUM('ru', 'en');
  CREATE TYPE "public"."enum_models_telemetry_kind" AS ENUM('number', 'boolean', 'enum');
  CREATE TYPE "public"."enum_models_alarm_catalog_severity" AS ENUM('critical', 'major', 'minor', 'warning');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'dispatchAlarmNotifications');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'dispatchAlarmNotifications');
  ALTER TYPE "public"."enum_pump_events_kind" ADD VALUE 'secrets';
  ALTER TYPE "public"."enum_pump_events_source" ADD VALUE 'batch';
  ALTER TYPE "public"."enum_pump_events_source" ADD VALUE 'reissue';
  CREATE TABLE "alarms" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"pump_id" integer NOT NULL,
  	"code" varchar NOT NULL,
  	"severity" "enum_alarms_severity" NOT NULL,
  	"text" varchar,
  	"raised_at" timestamp(3) with time zone NOT NULL,
  	"cleared_at" timestamp(3) with time zone,
  	"flaps" numeric DEFAULT 0,
  	"acknowledged_at" timestamp(3) with time zone,
  	"acknowledged_by_id" integer,
  	"comment" varchar,
  	"assigned_to_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "notifications" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alarm_id" integer NOT NULL,
  	"channel" "enum_notifications_channel" NOT NULL,
  	"kind" "enum_notifications_kind" DEFAULT 'raised' NOT NULL,
  	"recipient" varchar NOT NULL,
  	"language" "enum_notifications_language" NOT NULL,
  	"state" "enum_notifications_state" DEFAULT 'queued' NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"next_attempt_at" timestamp(3) with time zone,
  	"sent_at" timestamp(3) with time zone,
  	"subject" varchar,
  	"last_error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "devices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"buyer_id" integer NOT NULL,
  	"token" varchar NOT NULL,
  	"platform" "enum_devices_platform",
  	"language" "enum_devices_language" DEFAULT 'ru' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "partners_alarm_mail_severities" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_partners_alarm_mail_severities",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "models_telemetry_values" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"value" numeric,
  	"label_ru" varchar,
  	"label_en" varchar
  );
  
  CREATE TABLE "models_telemetry" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"kind" "enum_models_telemetry_kind" DEFAULT 'number' NOT NULL,
  	"unit" varchar,
  	"name_ru" varchar NOT NULL,
  	"name_en" varchar NOT NULL,
  	"min" numeric,
  	"max" numeric,
  	"decimals" numeric DEFAULT 1
  );
  
  CREATE TABLE "models_alarm_catalog" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"code" varchar NOT NULL,
  	"severity" "enum_models_alarm_catalog_severity" NOT NULL,
  	"manual_page" numeric,
  	"text_ru" varchar NOT NULL,
  	"text_en" varchar NOT NULL,
  	"action_ru" varchar,
  	"action_en" varchar
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"meta" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "pumps" ADD COLUMN "telemetry_latest" jsonb;
  ALTER TABLE "pumps" ADD COLUMN "active_alarm_count" numeric;
  ALTER TABLE "pump_events" ADD COLUMN "pump_partner_id" integer;
  ALTER TABLE "partners" ADD COLUMN "alarm_mail_language" "enum_partners_alarm_mail_language" DEFAULT 'ru';
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "alarms_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "notifications_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "devices_id" integer;
  ALTER TABLE "alarms" ADD CONSTRAINT "alarms_pump_id_pumps_id_fk" FOREIGN KEY ("pump_id") REFERENCES "public"."pumps"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "alarms" ADD CONSTRAINT "alarms_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "alarms" ADD CONSTRAINT "alarms_assigned_to_id_users_id_fk" FOREIGN KEY ("assigned_to_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notifications" ADD CONSTRAINT "notifications_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "devices" ADD CONSTRAINT "devices_buyer_id_buyers_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."buyers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "partners_alarm_mail_severities" ADD CONSTRAINT "partners_alarm_mail_severities_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "models_telemetry_values" ADD CONSTRAINT "models_telemetry_values_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."models_telemetry"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "models_telemetry" ADD CONSTRAINT "models_telemetry_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "models_alarm_catalog" ADD CONSTRAINT "models_alarm_catalog_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "alarms_pump_idx" ON "alarms" USING btree ("pump_id");
  CREATE INDEX "alarms_code_idx" ON "alarms" USING btree ("code");
  CREATE INDEX "alarms_severity_idx" ON "alarms" USING btree ("severity");
  CREATE INDEX "alarms_raised_at_idx" ON "alarms" USING btree ("raised_at");
  CREATE INDEX "alarms_cleared_at_idx" ON "alarms" USING btree ("cleared_at");
  CREATE INDEX "alarms_acknowledged_by_idx" ON "alarms" USING btree ("acknowledged_by_id");
  CREATE INDEX "alarms_assigned_to_idx" ON "alarms" USING btree ("assigned_to_id");
  CREATE INDEX "alarms_updated_at_idx" ON "alarms" USING btree ("updated_at");
  CREATE INDEX "alarms_created_at_idx" ON "alarms" USING btree ("created_at");
  CREATE INDEX "notifications_alarm_idx" ON "notifications" USING btree ("alarm_id");
  CREATE INDEX "notifications_state_idx" ON "notifications" USING btree ("state");
  CREATE INDEX "notifications_next_attempt_at_idx" ON "notifications" USING btree ("next_attempt_at");
  CREATE INDEX "notifications_updated_at_idx" ON "notifications" USING btree ("updated_at");
  CREATE INDEX "notifications_created_at_idx" ON "notifications" USING btree ("created_at");
  CREATE INDEX "devices_buyer_idx" ON "devices" USING btree ("buyer_id");
  CREATE UNIQUE INDEX "devices_token_idx" ON "devices" USING btree ("token");
  CREATE INDEX "devices_updated_at_idx" ON "devices" USING btree ("updated_at");
  CREATE INDEX "devices_created_at_idx" ON "devices" USING btree ("created_at");
  CREATE INDEX "partners_alarm_mail_severities_order_idx" ON "partners_alarm_mail_severities" USING btree ("order");
  CREATE INDEX "partners_alarm_mail_severities_parent_idx" ON "partners_alarm_mail_severities" USING btree ("parent_id");
  CREATE INDEX "models_telemetry_values_order_idx" ON "models_telemetry_values" USING btree ("_order");
  CREATE INDEX "models_telemetry_values_parent_id_idx" ON "models_telemetry_values" USING btree ("_parent_id");
  CREATE INDEX "models_telemetry_order_idx" ON "models_telemetry" USING btree ("_order");
  CREATE INDEX "models_telemetry_parent_id_idx" ON "models_telemetry" USING btree ("_parent_id");
  CREATE INDEX "models_alarm_catalog_order_idx" ON "models_alarm_catalog" USING btree ("_order");
  CREATE INDEX "models_alarm_catalog_parent_id_idx" ON "models_alarm_catalog" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "pump_events" ADD CONSTRAINT "pump_events_pump_partner_id_partners_id_fk" FOREIGN KEY ("pump_partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_alarms_fk" FOREIGN KEY ("alarms_id") REFERENCES "public"."alarms"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_notifications_fk" FOREIGN KEY ("notifications_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_devices_fk" FOREIGN KEY ("devices_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "pump_events_pump_partner_idx" ON "pump_events" USING btree ("pump_partner_id");
  CREATE INDEX "payload_locked_documents_rels_alarms_id_idx" ON "payload_locked_documents_rels" USING btree ("alarms_id");
  CREATE INDEX "payload_locked_documents_rels_notifications_id_idx" ON "payload_locked_documents_rels" USING btree ("notifications_id");
  CREATE INDEX "payload_locked_documents_rels_devices_id_idx" ON "payload_locked_documents_rels" USING btree ("devices_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "alarms" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "notifications" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "devices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "partners_alarm_mail_severities" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "models_telemetry_values" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "models_telemetry" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "models_alarm_catalog" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "alarms" CASCADE;
  DROP TABLE "notifications" CASCADE;
  DROP TABLE "devices" CASCADE;
  DROP TABLE "partners_alarm_mail_severities" CASCADE;
  DROP TABLE "models_telemetry_values" CASCADE;
  DROP TABLE "models_telemetry" CASCADE;
  DROP TABLE "models_alarm_catalog" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "pump_events" DROP CONSTRAINT "pump_events_pump_partner_id_partners_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_alarms_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_notifications_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_devices_fk";
  
  ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DATA TYPE text;
  ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DEFAULT 'status'::text;
  DROP TYPE "public"."enum_pump_events_kind";
  CREATE TYPE "public"."enum_pump_events_kind" AS ENUM('status', 'partner', 'owner');
  ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DEFAULT 'status'::"public"."enum_pump_events_kind";
  ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_pump_events_kind" USING "kind"::"public"."enum_pump_events_kind";
  ALTER TABLE "pump_events" ALTER COLUMN "source" SET DATA TYPE text;
  DROP TYPE "public"."enum_pump_events_source";
  CREATE TYPE "public"."enum_pump_events_source" AS ENUM('button', 'admin_override', 'modem', 'import', 'card', 'partner_claim', 'owner_app');
  ALTER TABLE "pump_events" ALTER COLUMN "source" SET DATA TYPE "public"."enum_pump_events_source" USING "source"::"public"."enum_pump_events_source";
  DROP INDEX "pump_events_pump_partner_idx";
  DROP INDEX "payload_locked_documents_rels_alarms_id_idx";
  DROP INDEX "payload_locked_documents_rels_notifications_id_idx";
  DROP INDEX "payload_locked_documents_rels_devices_id_idx";
  ALTER TABLE "pumps" DROP COLUMN "telemetry_latest";
  ALTER TABLE "pumps" DROP COLUMN "active_alarm_count";
  ALTER TABLE "pump_events" DROP COLUMN "pump_partner_id";
  ALTER TABLE "partners" DROP COLUMN "alarm_mail_language";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "alarms_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "notifications_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "devices_id";
  DROP TYPE "public"."enum_alarms_severity";
  DROP TYPE "public"."enum_notifications_channel";
  DROP TYPE "public"."enum_notifications_kind";
  DROP TYPE "public"."enum_notifications_language";
  DROP TYPE "public"."enum_notifications_state";
  DROP TYPE "public"."enum_devices_platform";
  DROP TYPE "public"."enum_devices_language";
  DROP TYPE "public"."enum_partners_alarm_mail_severities";
  DROP TYPE "public"."enum_partners_alarm_mail_language";
  DROP TYPE "public"."enum_models_telemetry_kind";
  DROP TYPE "public"."enum_models_alarm_catalog_severity";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
