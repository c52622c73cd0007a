import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "alarms" ADD COLUMN "pump_partner_id" integer;
  ALTER TABLE "alarms" ADD CONSTRAINT "alarms_pump_partner_id_partners_id_fk" FOREIGN KEY ("pump_partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "alarms_pump_partner_idx" ON "alarms" USING btree ("pump_partner_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "alarms" DROP CONSTRAINT "alarms_pump_partner_id_partners_id_fk";
  
  DROP INDEX "alarms_pump_partner_idx";
  ALTER TABLE "alarms" DROP COLUMN "pump_partner_id";`)
}
