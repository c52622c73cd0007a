import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_modem_events_kind" AS ENUM('connected', 'disconnected', 'timed_out', 'alarm_raised', 'alarm_cleared');
  CREATE TABLE "modem_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"pump_id" integer NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"kind" "enum_modem_events_kind" NOT NULL,
  	"code" varchar,
  	"text" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "pumps" ADD COLUMN "device_key_hash" varchar;
  ALTER TABLE "pumps" ADD COLUMN "firmware_version" varchar;
  ALTER TABLE "pumps" ADD COLUMN "presence_at" timestamp(3) with time zone;
  ALTER TABLE "pumps" ADD COLUMN "alarms_at" timestamp(3) with time zone;
  ALTER TABLE "pumps" ADD COLUMN "last_seen_at" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "modem_events_id" integer;
  ALTER TABLE "modem_events" ADD CONSTRAINT "modem_events_pump_id_pumps_id_fk" FOREIGN KEY ("pump_id") REFERENCES "public"."pumps"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "modem_events_pump_idx" ON "modem_events" USING btree ("pump_id");
  CREATE INDEX "modem_events_at_idx" ON "modem_events" USING btree ("at");
  CREATE INDEX "modem_events_updated_at_idx" ON "modem_events" USING btree ("updated_at");
  CREATE INDEX "modem_events_created_at_idx" ON "modem_events" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_modem_events_fk" FOREIGN KEY ("modem_events_id") REFERENCES "public"."modem_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_modem_events_id_idx" ON "payload_locked_documents_rels" USING btree ("modem_events_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "modem_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "modem_events" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_modem_events_fk";
  
  DROP INDEX "payload_locked_documents_rels_modem_events_id_idx";
  ALTER TABLE "pumps" DROP COLUMN "device_key_hash";
  ALTER TABLE "pumps" DROP COLUMN "firmware_version";
  ALTER TABLE "pumps" DROP COLUMN "presence_at";
  ALTER TABLE "pumps" DROP COLUMN "alarms_at";
  ALTER TABLE "pumps" DROP COLUMN "last_seen_at";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "modem_events_id";
  DROP TYPE "public"."enum_modem_events_kind";`)
}
