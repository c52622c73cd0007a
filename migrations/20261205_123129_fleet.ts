import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "pumps" ADD COLUMN "active_alarm_count" numeric;
  ALTER TABLE "pump_events" ADD COLUMN "pump_partner_id" integer;
  ALTER TABLE "pump_events" ADD CONSTRAINT "pump_events_pump_partner_id_partners_id_fk" FOREIGN KEY ("pump_partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "pump_events_pump_partner_idx" ON "pump_events" USING btree ("pump_partner_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "pump_events" DROP CONSTRAINT "pump_events_pump_partner_id_partners_id_fk";
  
  DROP INDEX "pump_events_pump_partner_idx";
  ALTER TABLE "pumps" DROP COLUMN "active_alarm_count";
  ALTER TABLE "pump_events" DROP COLUMN "pump_partner_id";`)
}
