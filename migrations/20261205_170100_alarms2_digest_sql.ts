// The hourly alarm digest (issue 13): one digest per recipient and hour, whoever runs the job and however often.
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE UNIQUE INDEX IF NOT EXISTS "notifications_digest_once_uniq" ON "notifications" ("recipient", "digest_hour")
      WHERE "digest_hour" IS NOT NULL;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP INDEX IF EXISTS "notifications_digest_once_uniq";`)
}
