// Alarm preferences (issue 13): owners who existed before get the default push severities (critical, major), as new
// ones do; `alarm_quiet_until` answers when a recipient's quiet hours (HH:MM to HH:MM in the pump's time zone, which
// may span midnight) end, or null when `at` is not within them (the notification dispatcher holds messages till then).
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    INSERT INTO "buyers_alarm_push_severities" ("order", "parent_id", "value")
      SELECT o, b.id, v::"enum_buyers_alarm_push_severities" FROM "buyers" b, (VALUES (1, 'critical'), (2, 'major')) AS d(o, v)
      WHERE NOT EXISTS (SELECT 1 FROM "buyers_alarm_push_severities" s WHERE s.parent_id = b.id);
    CREATE OR REPLACE FUNCTION alarm_quiet_until(at timestamptz, zone text, quiet_from text, quiet_to text)
    RETURNS timestamptz LANGUAGE sql STABLE AS $$
      SELECT CASE
        WHEN coalesce(quiet_from, '') = '' OR coalesce(quiet_to, '') = '' OR quiet_from = quiet_to THEN NULL
        WHEN (quiet_from::time < quiet_to::time AND l.t::time >= quiet_from::time AND l.t::time < quiet_to::time)
          OR (quiet_from::time > quiet_to::time AND (l.t::time >= quiet_from::time OR l.t::time < quiet_to::time))
        THEN (l.t::date + quiet_to::time + CASE WHEN l.t::time >= quiet_to::time THEN interval '1 day' ELSE interval '0' END)
          AT TIME ZONE l.zone
      END
      FROM (SELECT at AT TIME ZONE coalesce(nullif(zone, ''), 'Europe/Moscow') AS t,
        coalesce(nullif(zone, ''), 'Europe/Moscow') AS zone) l
    $$;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP FUNCTION IF EXISTS alarm_quiet_until(timestamptz, text, text, text);`)
}
