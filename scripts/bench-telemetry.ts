// `npm run bench:telemetry`: ingestion with telemetry history against the card-only path in the same run (100,000
// pumps, 6 readings a message), bytes per stored message, and chart/CSV reads on a generated history.
// Options: --rate N (10000 msg/s), --seconds S (20), --pumps N (100000), --history-pumps N (2000), --history-days D (7),
// --rollup-pumps N (20), --reads N (50), --db NAME (hp_bench_telemetry), --reads-only (no ingestion runs),
// --ingest-only (no history reads). Broker and database as bench:ingest (MQTT_URL, DATABASE_URL). History and
// rollups are generated in time order, as the ingestion and the job write them: a pump's rows are spread over the
// pages, not side by side.
import type { sql as sqlTag } from '@payloadcms/db-postgres'

import { collectGarbageSooner } from '../src/runtime/heap'
import { exportToEnvironment, settings } from '../src/settings'
import { benchBroker, benchDatabase, child, machineLine, postgresCpuSeconds } from './bench-support'
import { historyReads, storageLine } from './bench-telemetry-reads'

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}
const RATE = option('rate', 10_000)
const SECONDS = option('seconds', 20)
const PUMPS = option('pumps', 100_000)
const HISTORY_PUMPS = option('history-pumps', 2000)
const HISTORY_DAYS = option('history-days', 7)
const ROLLUP_PUMPS = option('rollup-pumps', 20)
const READS = option('reads', 50)
const DB_NAME = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : 'hp_bench_telemetry'
const READS_ONLY = process.argv.includes('--reads-only')
const INGEST_ONLY = process.argv.includes('--ingest-only')
const READINGS = 6

type Db = { execute: (query: unknown) => Promise<unknown> }

async function main(): Promise<void> {
  collectGarbageSooner() // as `npm start` and `npm run worker` do (src/runtime/prepare.ts)
  const database = await benchDatabase(DB_NAME)
  exportToEnvironment({ databaseUrl: database.url, payloadSecret: settings.payloadSecret ?? 'bench-secret' })
  const [{ getPayload }, { default: config, ingestionHost }, { applyMigrations }, { closePayload }, { sql }] =
    await Promise.all([
      import('payload'),
      import('../payload.config'),
      import('../src/services/migrations'),
      import('../src/services/close'),
      import('@payloadcms/db-postgres'),
    ])
  const { Ingester } = await import('../plugins/mqtt-ingest/ingester')
  const { runTelemetryMaintenance } = await import('../src/services/telemetry/maintenance')
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  const db = (payload.db as unknown as { drizzle: Db }).drizzle
  const maintain = () =>
    runTelemetryMaintenance(db as never, { now: new Date(), rawDays: 400, daysAhead: 1 }) as Promise<{
      rolledUp: number
    }>
  // A fleet that has been reporting: each card already holds the latest values of the keys the publisher sends, so a
  // card update keeps its row's size (in place, HOT) as in production. Cards seeded empty grew by ~450 bytes on their
  // first history update, and those 100,000 updates moved rows and wrote every index: a start-up cost, not the
  // sustained rate this bench is for.
  const at = sql`to_char((now() - interval '1 hour') at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
  const value = (v: number) => sql`jsonb_build_object('v', ${v}::real, 'at', ${at})`
  await db.execute(sql`insert into pumps (serial, status, online, updated_at, created_at, telemetry_latest)
    select 'BENCH-' || lpad(i::text, 6, '0'), 'in_operation', false, now(), now(), jsonb_build_object(
      't_out', ${value(-7.4)}, 't_flow', ${value(41.2)}, 'power_w', ${value(1830)},
      't_return', ${value(36.3)}, 'comp_hz', ${value(32)}, 'cop', ${value(6.2)})
    from generate_series(1, ${PUMPS}) i`)
  // An experiment's schema change (e.g. a trigger dropped), applied after the seed: BENCH_SQL="drop trigger …".
  if (process.env.BENCH_SQL) await db.execute(sql.raw(process.env.BENCH_SQL))
  await maintain()
  const broker = settings.mqttUrl ? { url: settings.mqttUrl, stop: () => {} } : await benchBroker()

  async function run(label: string, history: boolean) {
    const host = history ? ingestionHost : { ...ingestionHost, telemetry: undefined }
    const ingester = new Ingester(payload, {
      url: broker.url,
      shareGroup: null,
      flushIntervalMs: 100,
      sweepIntervalMs: 3_600_000,
      host,
    })
    await ingester.start()
    await ingester.ready()
    ingester.resetLatency()
    const updatesBefore = await cardUpdates(db, sql, 0)
    const before = ingester.counts.received
    const cpuBefore = process.cpuUsage()
    const pgBefore = postgresCpuSeconds()
    let rss = process.memoryUsage().rss
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 250)
    const publisher = child([
      'scripts/bench-publisher.ts',
      broker.url,
      String(RATE),
      String(SECONDS),
      String(PUMPS),
      '',
      String(READINGS),
    ])
    while (ingester.counts.received === before && publisher.process.exitCode === null)
      await new Promise((r) => setTimeout(r, 5))
    const started = Date.now()
    const { sent } = JSON.parse((await publisher.output).trim().split('\n').pop()!) as { sent: number }
    const deadline = Date.now() + 60_000
    while (ingester.counts.received - before < sent && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    await ingester.drained()
    const elapsed = (Date.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    const pgCpu = pgBefore === null ? null : postgresCpuSeconds()! - pgBefore
    clearInterval(sampler)
    const { p50, p99 } = ingester.latencyPercentiles()
    await ingester.stop()
    const received = ingester.counts.received - before
    const updates = await cardUpdates(db, sql, 11_000)
    const inPlace = Math.round((100 * (updates.hot - updatesBefore.hot)) / Math.max(1, updates.all - updatesBefore.all))
    return {
      label,
      sent,
      received,
      msgPerSec: Math.round(received / elapsed),
      p50,
      p99,
      stored: ingester.counts.readingsStored,
      cpu: Math.round(((cpu.user + cpu.system) / 1000 / (elapsed * 1000)) * 100),
      rssMb: Math.round(rss / 1024 / 1024),
      inPlace,
      pg:
        pgCpu === null
          ? '–'
          : `${Math.round((pgCpu / elapsed) * 100)} % (${Math.round((pgCpu * 1e6) / received)} µs/msg)`,
    }
  }

  if (!READS_ONLY) {
    const cardOnly = await run('card only (bench:ingest path)', false)
    const withHistory = await run('card + history', true)
    console.log(
      `\n| run (${READINGS} readings/message, ${PUMPS.toLocaleString('en')} pumps, target ${RATE.toLocaleString('en')} msg/s, ${SECONDS} s) | sent | taken | msg/s | publish→DB p50 | p99 | readings rows stored | card updates in place | app CPU | PostgreSQL CPU | app peak RSS |`,
    )
    console.log('|---|---|---|---|---|---|---|---|---|---|---|')
    for (const r of [cardOnly, withHistory]) {
      const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`)
      const stored = r === cardOnly ? '–' : String(r.stored)
      console.log(
        `| ${r.label} | ${r.sent} | ${r.received} | ${r.msgPerSec} | ${ms(r.p50)} | ${ms(r.p99)} | ${stored} | ${r.inPlace} % | ${r.cpu} % | ${r.pg} | ${r.rssMb} MB |`,
      )
    }
    console.log(
      '(app CPU: % of one core used by the ingesting process; PostgreSQL CPU: all PostgreSQL processes of the machine, backends and writers, % of one core and per message taken; card updates in place: HOT share of the updates of pumps)',
    )
    console.log(
      `\nwith history ÷ card only throughput: ${(withHistory.msgPerSec / Math.max(1, cardOnly.msgPerSec)).toFixed(2)}`,
    )
    await maintain()
    console.log(await storageLine(db, sql, 'as the ingestion wrote it'))
  }
  if (!INGEST_ONLY)
    await historyReads(payload, db, sql, {
      pumps: HISTORY_PUMPS,
      days: HISTORY_DAYS,
      rollupPumps: ROLLUP_PUMPS,
      reads: READS,
      maintainAt: (at) => runTelemetryMaintenance(db as never, { now: at, rawDays: 400, daysAhead: 1 }),
    })
  console.log(machineLine())
  broker.stop()
  await closePayload(payload)
  await database.embedded?.stop()
  process.exit(0)
}

main().catch((error: Error) => {
  console.error(`[bench] ${error.stack ?? error.message}`)
  process.exit(1)
})

/** Updates of `pumps` so far, and how many of them were done in place (HOT: no index written). */
async function cardUpdates(db: Db, sql: typeof sqlTag, settleMs: number) {
  // An idle PostgreSQL backend publishes its table statistics within 10 s (PostgreSQL 15).
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  const result = (await db.execute(
    sql`select n_tup_upd::int as all, n_tup_hot_upd::int as hot from pg_stat_user_tables where relname = 'pumps'`,
  )) as { rows: { all: number; hot: number }[] }
  return result.rows[0]
}
