// The telemetry job with a clock the test controls: day partitions created ahead and across a day boundary (rows
// the default partition caught moved into theirs), rollups equal to the raw aggregates, expiry, and one instance
// at a time (advisory lock); a deleted pump's history going with it; and the job started by the app's own init in a
// server that does not ingest.
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { createWorld, type World } from '../support/fixtures'
import { closePayload, startPayload } from '../support/payload'
import { drizzle, maintain, query, store } from './telemetry-support'
import { runTelemetryMaintenance } from '../../src/services/telemetry/maintenance'
import { settings } from '../../src/settings'

let payload: Payload
let world: World

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
}, 300_000)
afterAll(async () => {
  await closePayload(payload)
})

// A clock in 2001, so that expiry here touches no other test's readings.
const at = (iso: string) => new Date(`2001-01-${iso}Z`)

async function partitionOf(pump: number) {
  return query(
    payload,
    sql`select tableoid::regclass::text as part, count(*)::int as n from telemetry_readings
      where pump_id = ${pump} group by 1 order by 1`,
  )
}

async function rollupsMatchRaw(pump: number) {
  const raw = await query(
    payload,
    sql`select e.key, date_bin('5 minutes', r.ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
        min(e.v) as min, max(e.v) as max, sum(e.v)::float8 as sum, count(*)::int as count
      from telemetry_readings r join telemetry_keysets k on k.id = r.keyset, unnest(k.keys, r.vals) e(key, v)
      where r.pump_id = ${pump} group by 1, 2 order by 2, 1`,
  )
  const rolled = await query(
    payload,
    sql`select key, bucket, min, max, sum, count from telemetry_5m where pump_id = ${pump} order by bucket, key`,
  )
  expect(rolled).toEqual(raw)
  const hourly = await query(
    payload,
    sql`select key, date_trunc('hour', bucket) as bucket, min(min) as min, max(max) as max, sum(sum) as sum,
        sum(count)::int as count from telemetry_5m where pump_id = ${pump} group by 1, 2 order by 2, 1`,
  )
  expect(
    await query(
      payload,
      sql`select key, bucket, min, max, sum, count from telemetry_1h where pump_id = ${pump} order by bucket, key`,
    ),
  ).toEqual(hourly)
  const daily = await query(
    payload,
    sql`select key, date_bin('1 day', bucket, timestamptz '2000-01-01 00:00:00+00') as bucket, min(min) as min,
        max(max) as max, sum(sum) as sum, sum(count)::int as count from telemetry_5m where pump_id = ${pump}
      group by 1, 2 order by 2, 1`,
  )
  expect(
    await query(
      payload,
      sql`select key, bucket, min, max, sum, count from telemetry_1d where pump_id = ${pump} order by bucket, key`,
    ),
  ).toEqual(daily)
  return rolled
}

describe('the telemetry job', () => {
  const pump = () => world.pumps.ofA.id

  it('creates day partitions ahead and across midnight, moving rows the default partition caught', async () => {
    // Buckets other test files left marked are rolled up first, so this run counts only this test's.
    await maintain(payload, new Date('2000-12-20T00:00:00Z'))
    await store(payload, pump(), [
      { at: at('01T23:58:00'), values: { t_out: -5, t_flow: 40 } },
      { at: at('02T00:03:00'), values: { t_out: -6 } },
    ])
    expect(await partitionOf(pump())).toEqual([{ part: 'telemetry_readings_default', n: 2 }])
    const result = await maintain(payload, at('02T00:10:00'))
    expect(result).toMatchObject({ ran: true, rolledUp: 2, dropped: [] })
    expect(result.created).toEqual(
      expect.arrayContaining([
        'telemetry_readings_p20010101',
        'telemetry_readings_p20010102',
        'telemetry_readings_p20010103',
      ]),
    )
    expect(await partitionOf(pump())).toEqual([
      { part: 'telemetry_readings_p20010101', n: 1 },
      { part: 'telemetry_readings_p20010102', n: 1 },
    ])
    // A second run has nothing to create and nothing to roll up.
    expect(await maintain(payload, at('02T00:11:00'))).toMatchObject({ ran: true, rolledUp: 0, created: [] })
  })

  it('keeps rollups equal to the raw aggregates as late and repeated readings arrive', async () => {
    await store(payload, pump(), [
      { at: at('02T00:04:00'), values: { t_out: -8, t_flow: 38.5 } },
      { at: at('01T23:59:30'), values: { t_out: 1 } },
      { at: at('02T00:03:00'), values: { t_out: 99 } },
    ])
    await maintain(payload, at('02T00:20:00'))
    const rolled = await rollupsMatchRaw(pump())
    expect(rolled.find((row) => row.key === 't_out' && row.count === 2 && row.min === -8)).toBeTruthy()
  })

  it('drops the raw days past TELEMETRY_RAW_DAYS and keeps their rollups', async () => {
    const result = await maintain(payload, at('05T00:00:00'), 2)
    // (The first test's clean-up run made December 2000's partitions: they go too.)
    expect(result.dropped).toEqual(
      expect.arrayContaining(['telemetry_readings_p20010101', 'telemetry_readings_p20010102']),
    )
    expect(result.dropped).not.toContain('telemetry_readings_p20010103')
    expect(await partitionOf(pump())).toEqual([])
    const kept = await query(payload, sql`select count(*)::int as n from telemetry_1h where pump_id = ${pump()}`)
    expect(kept[0].n).toBeGreaterThan(0)
  })

  it("takes a deleted pump's history with it: raw readings, marks and rollups", async () => {
    const doomed = (await payload.create({ collection: 'pumps', data: { serial: `DEL-${Date.now()}` } })).id as number
    await store(payload, doomed, [
      { at: at('04T10:00:00'), values: { t_out: 3 } },
      { at: at('04T10:07:00'), values: { t_out: 4 } },
    ])
    await maintain(payload, at('04T10:30:00'), 2)
    await store(payload, doomed, [{ at: at('04T10:31:00'), values: { t_out: 5 } }])
    const left = async () =>
      query(
        payload,
        sql`select (select count(*) from telemetry_readings where pump_id = ${doomed})::int as raw,
          (select count(*) from telemetry_dirty where pump_id = ${doomed})::int as marks,
          (select count(*) from telemetry_5m where pump_id = ${doomed})::int as rollups`,
      )
    expect(await left()).toEqual([{ raw: 3, marks: 1, rollups: 2 }])
    await payload.delete({ collection: 'pumps', id: doomed })
    expect(await left()).toEqual([{ raw: 0, marks: 0, rollups: 0 }])
  })

  it('runs in one instance at a time: another holding the lock makes this run skip', async () => {
    const db = drizzle(payload)
    const skipped = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('telemetry-maintenance', 0))`)
      return runTelemetryMaintenance(db, { now: at('05T00:00:00'), rawDays: 2, daysAhead: 1 })
    })
    expect(skipped).toEqual({ ran: false, rolledUp: 0, created: [], dropped: [] })
  })
})

// Last in this file: from here on the job runs on the real clock in this process (until closePayload).
describe('the telemetry job in the running product', () => {
  it('starts with a server that does not ingest (MQTT_INGEST=off, no worker): new readings get rolled up', async () => {
    const saved = { ...settings }
    Object.assign(settings, { role: 'server', mqttIngest: false, seedDemo: false, telemetryJobSeconds: 1 })
    try {
      // What getPayload runs at a server's start: the config's onInit with the plugins' (the ingestion stays off).
      await payload.config.onInit?.(payload)
    } finally {
      Object.assign(settings, saved)
    }
    const pump = world.pumps.ofB.id
    const at = new Date(Date.now() - 60_000)
    await store(payload, pump, [{ at, values: { t_out: 4.5 } }])
    const rolled = async () =>
      query(
        payload,
        sql`select key, min, count from telemetry_5m where pump_id = ${pump} and bucket > now() - interval '1 hour'`,
      )
    const deadline = Date.now() + 30_000
    while ((await rolled()).length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 250))
    expect(await rolled()).toEqual([{ key: 't_out', min: 4.5, count: 1 }])
  }, 60_000)
})
