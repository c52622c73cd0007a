import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_buyers_alarm_push_severities" AS ENUM('critical', 'major', 'minor', 'warning');
  CREATE TABLE "buyers_alarm_push_severities" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_buyers_alarm_push_severities",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  ALTER TABLE "partners" ADD COLUMN "alarm_mail_quiet_from" varchar;
  ALTER TABLE "partners" ADD COLUMN "alarm_mail_quiet_to" varchar;
  ALTER TABLE "buyers" ADD COLUMN "alarm_push_quiet_from" varchar;
  ALTER TABLE "buyers" ADD COLUMN "alarm_push_quiet_to" varchar;
  ALTER TABLE "buyers_alarm_push_severities" ADD CONSTRAINT "buyers_alarm_push_severities_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."buyers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "buyers_alarm_push_severities_order_idx" ON "buyers_alarm_push_severities" USING btree ("order");
  CREATE INDEX "buyers_alarm_push_severities_parent_idx" ON "buyers_alarm_push_severities" USING btree ("parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "buyers_alarm_push_severities" CASCADE;
  ALTER TABLE "partners" DROP COLUMN "alarm_mail_quiet_from";
  ALTER TABLE "partners" DROP COLUMN "alarm_mail_quiet_to";
  ALTER TABLE "buyers" DROP COLUMN "alarm_push_quiet_from";
  ALTER TABLE "buyers" DROP COLUMN "alarm_push_quiet_to";
  DROP TYPE "public"."enum_buyers_alarm_push_severities";`)
}
