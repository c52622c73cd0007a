// What Payload's schema cannot say about alarm records: at most one open record per pump and code (the ingestion's
// `on conflict do nothing` leans on it), and the console's index of the active ones, worst and oldest first.
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE UNIQUE INDEX IF NOT EXISTS "alarms_open_pump_code_uniq" ON "alarms" ("pump_id", "code") WHERE "cleared_at" IS NULL;
    CREATE INDEX IF NOT EXISTS "alarms_active_console_idx" ON "alarms" ("severity", "raised_at") WHERE "cleared_at" IS NULL;
    CREATE INDEX IF NOT EXISTS "alarms_pump_code_cleared_idx" ON "alarms" ("pump_id", "code", "cleared_at" DESC);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    DROP INDEX IF EXISTS "alarms_open_pump_code_uniq";
    DROP INDEX IF EXISTS "alarms_active_console_idx";
    DROP INDEX IF EXISTS "alarms_pump_code_cleared_idx";`)
}
