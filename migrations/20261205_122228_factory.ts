import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_pump_events_kind" ADD VALUE 'secrets';
  ALTER TYPE "public"."enum_pump_events_source" ADD VALUE 'batch';
  ALTER TYPE "public"."enum_pump_events_source" ADD VALUE 'reissue';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DATA TYPE text;
  ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DEFAULT 'status'::text;
  DROP TYPE "public"."enum_pump_events_kind";
  CREATE TYPE "public"."enum_pump_events_kind" AS ENUM('status', 'partner', 'owner');
  ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DEFAULT 'status'::"public"."enum_pump_events_kind";
  ALTER TABLE "pump_events" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_pump_events_kind" USING "kind"::"public"."enum_pump_events_kind";
  ALTER TABLE "pump_events" ALTER COLUMN "source" SET DATA TYPE text;
  DROP TYPE "public"."enum_pump_events_source";
  CREATE TYPE "public"."enum_pump_events_source" AS ENUM('button', 'admin_override', 'modem', 'import', 'card', 'partner_claim', 'owner_app');
  ALTER TABLE "pump_events" ALTER COLUMN "source" SET DATA TYPE "public"."enum_pump_events_source" USING "source"::"public"."enum_pump_events_source";`)
}
