// Generated (payload migrate:create): the hourly alarm digest's schema (partners' digest severities, digest rows).
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_partners_alarm_mail_digest_severities" AS ENUM('critical', 'major', 'minor', 'warning');
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'digest';
  CREATE TABLE "partners_alarm_mail_digest_severities" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_partners_alarm_mail_digest_severities",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  ALTER TABLE "notifications" ALTER COLUMN "alarm_id" DROP NOT NULL;
  ALTER TABLE "notifications" ADD COLUMN "digest_hour" timestamp(3) with time zone;
  ALTER TABLE "partners_alarm_mail_digest_severities" ADD CONSTRAINT "partners_alarm_mail_digest_severities_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "partners_alarm_mail_digest_severities_order_idx" ON "partners_alarm_mail_digest_severities" USING btree ("order");
  CREATE INDEX "partners_alarm_mail_digest_severities_parent_idx" ON "partners_alarm_mail_digest_severities" USING btree ("parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "partners_alarm_mail_digest_severities" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "partners_alarm_mail_digest_severities" CASCADE;
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE text;
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DEFAULT 'raised'::text;
  DROP TYPE "public"."enum_notifications_kind";
  CREATE TYPE "public"."enum_notifications_kind" AS ENUM('raised', 'escalated');
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DEFAULT 'raised'::"public"."enum_notifications_kind";
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_notifications_kind" USING "kind"::"public"."enum_notifications_kind";
  ALTER TABLE "notifications" ALTER COLUMN "alarm_id" SET NOT NULL;
  ALTER TABLE "notifications" DROP COLUMN "digest_hour";
  DROP TYPE "public"."enum_partners_alarm_mail_digest_severities";`)
}
