// What Payload's schema cannot say about alarms: at most one open record per pump and code, and one notification
// per alarm, kind, channel and recipient (the ingestion's `on conflict do nothing` leans on both); the console's index of
// the active ones, worst and oldest first; the dispatcher's index of what is due; partners that existed before get
// the default alarm e-mail severities (critical, major), as new ones do; an owner's push devices go with the owner.
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE UNIQUE INDEX IF NOT EXISTS "alarms_open_pump_code_uniq" ON "alarms" ("pump_id", "code") WHERE "cleared_at" IS NULL;
    CREATE INDEX IF NOT EXISTS "alarms_active_console_idx" ON "alarms" ("severity", "raised_at") WHERE "cleared_at" IS NULL;
    CREATE INDEX IF NOT EXISTS "alarms_pump_code_cleared_idx" ON "alarms" ("pump_id", "code", "cleared_at" DESC);
    CREATE UNIQUE INDEX IF NOT EXISTS "notifications_once_uniq" ON "notifications" ("alarm_id", "kind", "channel", "recipient");
    CREATE INDEX IF NOT EXISTS "notifications_due_idx" ON "notifications" ("next_attempt_at") WHERE "state" IN ('queued', 'sending');
    ALTER TABLE "devices" DROP CONSTRAINT IF EXISTS "devices_buyer_id_buyers_id_fk";
    ALTER TABLE "devices" ADD CONSTRAINT "devices_buyer_id_buyers_id_fk" FOREIGN KEY ("buyer_id")
      REFERENCES "public"."buyers"("id") ON DELETE CASCADE;
    INSERT INTO "partners_alarm_mail_severities" ("order", "parent_id", "value")
      SELECT o, p.id, v::"enum_partners_alarm_mail_severities" FROM "partners" p, (VALUES (1, 'critical'), (2, 'major')) AS d(o, v)
      WHERE NOT EXISTS (SELECT 1 FROM "partners_alarm_mail_severities" s WHERE s.parent_id = p.id);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP INDEX IF EXISTS "alarms_open_pump_code_uniq";
    DROP INDEX IF EXISTS "alarms_active_console_idx";
    DROP INDEX IF EXISTS "alarms_pump_code_cleared_idx";
    DROP INDEX IF EXISTS "notifications_once_uniq";
    DROP INDEX IF EXISTS "notifications_due_idx";
    ALTER TABLE "devices" DROP CONSTRAINT IF EXISTS "devices_buyer_id_buyers_id_fk";
    ALTER TABLE "devices" ADD CONSTRAINT "devices_buyer_id_buyers_id_fk" FOREIGN KEY ("buyer_id")
      REFERENCES "public"."buyers"("id") ON DELETE SET NULL;`)
}
