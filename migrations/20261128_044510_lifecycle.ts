import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_pump_events_from" AS ENUM('created', 'produced', 'released', 'shipped', 'in_operation', 'in_service', 'decommissioned');
  CREATE TYPE "public"."enum_pump_events_to" AS ENUM('created', 'produced', 'released', 'shipped', 'in_operation', 'in_service', 'decommissioned');
  CREATE TYPE "public"."enum_pump_events_actor" AS ENUM('user', 'modem', 'system');
  CREATE TYPE "public"."enum_pump_events_source" AS ENUM('button', 'admin_override', 'modem', 'import');
  CREATE TABLE "pump_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"pump_id" integer NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"from" "enum_pump_events_from",
  	"to" "enum_pump_events_to" NOT NULL,
  	"actor" "enum_pump_events_actor" NOT NULL,
  	"user_id" integer,
  	"actor_name" varchar,
  	"source" "enum_pump_events_source" NOT NULL,
  	"comment" varchar,
  	"data" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "pumps" ADD COLUMN "production_date" timestamp(3) with time zone;
  ALTER TABLE "pumps" ADD COLUMN "release_date" timestamp(3) with time zone;
  ALTER TABLE "pumps" ADD COLUMN "shipment_date" timestamp(3) with time zone;
  ALTER TABLE "pumps" ADD COLUMN "consignee" varchar;
  ALTER TABLE "pumps" ADD COLUMN "waybill_number" varchar;
  ALTER TABLE "pumps" ADD COLUMN "commissioning_date" timestamp(3) with time zone;
  ALTER TABLE "pumps" ADD COLUMN "service_reason" varchar;
  ALTER TABLE "pumps" ADD COLUMN "decommissioning_date" timestamp(3) with time zone;
  ALTER TABLE "pumps" ADD COLUMN "decommissioning_reason" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "pump_events_id" integer;
  ALTER TABLE "pump_events" ADD CONSTRAINT "pump_events_pump_id_pumps_id_fk" FOREIGN KEY ("pump_id") REFERENCES "public"."pumps"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "pump_events" ADD CONSTRAINT "pump_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "pump_events_pump_idx" ON "pump_events" USING btree ("pump_id");
  CREATE INDEX "pump_events_at_idx" ON "pump_events" USING btree ("at");
  CREATE INDEX "pump_events_user_idx" ON "pump_events" USING btree ("user_id");
  CREATE INDEX "pump_events_updated_at_idx" ON "pump_events" USING btree ("updated_at");
  CREATE INDEX "pump_events_created_at_idx" ON "pump_events" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_pump_events_fk" FOREIGN KEY ("pump_events_id") REFERENCES "public"."pump_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_pump_events_id_idx" ON "payload_locked_documents_rels" USING btree ("pump_events_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "pump_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "pump_events" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_pump_events_fk";
  
  DROP INDEX "payload_locked_documents_rels_pump_events_id_idx";
  ALTER TABLE "pumps" DROP COLUMN "production_date";
  ALTER TABLE "pumps" DROP COLUMN "release_date";
  ALTER TABLE "pumps" DROP COLUMN "shipment_date";
  ALTER TABLE "pumps" DROP COLUMN "consignee";
  ALTER TABLE "pumps" DROP COLUMN "waybill_number";
  ALTER TABLE "pumps" DROP COLUMN "commissioning_date";
  ALTER TABLE "pumps" DROP COLUMN "service_reason";
  ALTER TABLE "pumps" DROP COLUMN "decommissioning_date";
  ALTER TABLE "pumps" DROP COLUMN "decommissioning_reason";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "pump_events_id";
  DROP TYPE "public"."enum_pump_events_from";
  DROP TYPE "public"."enum_pump_events_to";
  DROP TYPE "public"."enum_pump_events_actor";
  DROP TYPE "public"."enum_pump_events_source";`)
}
