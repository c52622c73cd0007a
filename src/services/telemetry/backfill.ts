// The demo's history: a few days of readings for the demo pumps, so the charts are not empty on a first start.
// (Live readings are the ingestion's to write; this is for seeding an empty database only.)
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { demoReading } from '../../domain/telemetry-demo'
import { runTelemetryMaintenance, type Database } from './maintenance'

const STEP_MS = 5 * 60_000

/** `days` of readings every 5 minutes for each pump, up to now; then the rollups and partitions brought up to date. */
export async function backfillDemoTelemetry(payload: Payload, pumpIds: number[], days: number): Promise<void> {
  const db = (payload.db as unknown as { drizzle: Database }).drizzle
  const now = Date.now() - (Date.now() % STEP_MS)
  for (const [index, pumpId] of pumpIds.entries()) {
    const rows: { p: number; t: string; v: Record<string, number> }[] = []
    for (let at = now - days * 86_400_000; at <= now; at += STEP_MS) {
      rows.push({ p: pumpId, t: new Date(at).toISOString(), v: demoReading(at, index) })
    }
    const keys = Object.keys(rows[0].v).sort()
    await db.execute(
      sql`insert into telemetry_keysets (keys) values (${`{${keys.join(',')}}`}::text[]) on conflict do nothing`,
    )
    await db.execute(sql`
      with x as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(p integer, t timestamptz, v jsonb)),
      ins as (
        insert into telemetry_readings (pump_id, ts, keyset, vals)
        select x.p, x.t, k.id, array(select (x.v ->> key)::real from unnest(k.keys) as key)
        from x, telemetry_keysets k where k.keys = ${`{${keys.join(',')}}`}::text[]
        on conflict do nothing returning pump_id, ts)
      insert into telemetry_dirty (pump_id, bucket)
      select distinct pump_id, date_bin('5 minutes', ts, timestamptz '2000-01-01 00:00:00+00') from ins on conflict do nothing`)
    const latest = Object.fromEntries(keys.map((key) => [key, { v: rows.at(-1)!.v[key], at: rows.at(-1)!.t }]))
    await db.execute(sql`update pumps set telemetry_latest = ${JSON.stringify(latest)}::jsonb where id = ${pumpId}`)
  }
  for (;;) {
    const result = await runTelemetryMaintenance(db, { now: new Date(), rawDays: 30, daysAhead: 3 })
    if (!result.ran || result.rolledUp === 0) break
  }
}
