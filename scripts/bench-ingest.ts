// `npm run bench:ingest`: modem ingestion under load, and the naive per-message Local API update as the baseline.
// Seeds 100,000 pumps into a database of its own (`hp_bench`, recreated), starts the ingestion in this process,
// runs simulated modems in a child process (loopback only, bounded), and prints msg/s, publish-to-database latency
// p50/p99, the app's CPU and its peak RSS for both.
//
// A third run has 20 % of the fleet (`--awaiting P`) shipped and never connected: the first data from each puts it
// into operation through the lifecycle service, beside the batch loop; it reports the card latency meanwhile and
// how fast commissioning itself goes.
//
// Options: --rate N (12000 msg/s), --seconds S (20), --pumps N (100000), --naive-rate N (1000), --naive-seconds S (10),
// --awaiting P (20 %; 0 skips the run), --skip-naive.
// Broker: MQTT_URL (e.g. mqtt://127.0.0.1:1883 for Mosquitto), else an embedded aedes in a child process.
// Database: DATABASE_URL's server, else an embedded PostgreSQL (data in .data/bench-postgres).

import { collectGarbageSooner } from '../src/runtime/heap'
import { exportToEnvironment, settings } from '../src/settings'
import { benchBroker, benchDatabase, child, machineLine } from './bench-support'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

const RATE = option('rate', 12_000)
const SECONDS = option('seconds', 20)
const PUMPS = option('pumps', 100_000)
const NAIVE_RATE = option('naive-rate', 1000)
const NAIVE_SECONDS = option('naive-seconds', 10)
const AWAITING_PERCENT = option('awaiting', 20)
const SKIP_NAIVE = process.argv.includes('--skip-naive')
/** How long the commissioning run waits for the queue to drain after the publisher stops. */
const COMMISSION_WAIT_MS = 15 * 60_000

type Figures = {
  label: string
  sent: number
  written: number
  msgPerSec: number
  p50: number | null
  p99: number | null
  cpu: number
  rssMb: number
}
type Commissioning = {
  awaiting: number
  duringRun: number
  total: number
  perSecond: number
  drainSeconds: number
  failures: number
}

async function main(): Promise<void> {
  collectGarbageSooner() // as `npm start` and `npm run worker` do (src/runtime/prepare.ts)
  const database = await benchDatabase()
  exportToEnvironment({ databaseUrl: database.url, payloadSecret: settings.payloadSecret ?? 'bench-secret' })
  const [
    { getPayload },
    { default: config, ingestionHost },
    { applyMigrations },
    { closePayload },
    { Ingester },
    { NaiveIngester },
    { sql },
  ] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('../src/services/migrations'),
    import('../src/services/close'),
    import('../plugins/mqtt-ingest/ingester'),
    import('./bench-naive'),
    import('@payloadcms/db-postgres'),
  ])
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
  const seeded = Date.now()
  await db.execute(sql`
    insert into pumps (serial, status, online, updated_at, created_at)
    select 'BENCH-' || lpad(i::text, 6, '0'), 'in_operation', false, now(), now() from generate_series(1, ${PUMPS}) i`)
  // An experiment's schema change (e.g. an index dropped), applied after the seed: BENCH_SQL="drop index …".
  if (process.env.BENCH_SQL) await db.execute(sql.raw(process.env.BENCH_SQL))
  console.log(`[bench] ${PUMPS.toLocaleString('en')} pumps seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)

  const external = settings.mqttUrl
  const broker = external ? { url: external, stop: () => {} } : await benchBroker()
  console.log(
    `[bench] broker: ${external ? external : `embedded aedes (${broker.url}), no auth`}; database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}`,
  )

  let commissioning: Commissioning | null = null

  async function run(
    label: string,
    mode: 'bulk' | 'naive',
    rate: number,
    seconds: number,
    awaiting = 0,
  ): Promise<Figures> {
    const ingester =
      mode === 'naive'
        ? new NaiveIngester(payload, broker.url)
        : new Ingester(payload, {
            url: broker.url,
            shareGroup: null,
            flushIntervalMs: 100,
            sweepIntervalMs: 3_600_000,
            // The card-only path: bench:telemetry measures it against the one with history, in the same run.
            host: { ...ingestionHost, telemetry: undefined },
          })
    await ingester.start()
    await ingester.ready()
    ingester.resetLatency()
    const before = { ...ingester.counts }
    const cpuBefore = process.cpuUsage()
    let rss = process.memoryUsage().rss
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 250)
    const publisher = child(['scripts/bench-publisher.ts', broker.url, String(rate), String(seconds), String(PUMPS)])
    // The clock starts with the first message (not with the publisher's own start-up).
    while (ingester.counts.received === before.received && publisher.process.exitCode === null)
      await new Promise((r) => setTimeout(r, 5))
    const started = Date.now()
    const { sent } = JSON.parse((await publisher.output).trim().split('\n').pop()!) as { sent: number }
    // Let what arrived be written: until the ingester has taken every message, or 60 s more.
    const deadline = Date.now() + 60_000
    while (ingester.counts.received - before.received < sent && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    await ingester.drained()
    const elapsed = (Date.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    const received = ingester.counts.received - before.received
    const { p50, p99 } = ingester.latencyPercentiles()
    if (awaiting) {
      const duringRun = ingester.counts.commissioned - before.commissioned
      const drainStarted = Date.now()
      await Promise.race([ingester.commissioningIdle(), new Promise((r) => setTimeout(r, COMMISSION_WAIT_MS))])
      const total = ingester.counts.commissioned - before.commissioned
      const busySeconds = (Date.now() - started) / 1000
      commissioning = {
        awaiting,
        duringRun,
        total,
        perSecond: Math.round(total / busySeconds),
        drainSeconds: Math.round((Date.now() - drainStarted) / 1000),
        failures: ingester.counts.commissionFailures - before.commissionFailures,
      }
    }
    clearInterval(sampler)
    await ingester.stop()
    return {
      label,
      sent,
      written: received,
      msgPerSec: Math.round(received / elapsed),
      p50,
      p99,
      cpu: Math.round(((cpu.user + cpu.system) / 1000 / (elapsed * 1000)) * 100),
      rssMb: Math.round(rss / 1024 / 1024),
    }
  }

  const results = [await run(`bulk (target ${RATE.toLocaleString('en')} msg/s, ${SECONDS} s)`, 'bulk', RATE, SECONDS)]
  if (AWAITING_PERCENT > 0) {
    // Every fifth pump (for 20 %) shipped and never connected, the others back to offline.
    const every = Math.max(1, Math.round(100 / AWAITING_PERCENT))
    const result = (await db.execute(sql`
      update pumps set online = false, presence_at = null, last_connected_at = null, last_seen_at = null,
        status = case when id % ${every} = 0 then 'shipped'::enum_pumps_status else status end
      where serial like 'BENCH-%' returning status`)) as { rows: { status: string }[] }
    const awaiting = result.rows.filter((row) => row.status === 'shipped').length
    const label = `bulk, ${AWAITING_PERCENT} % of the fleet awaiting commissioning (target ${RATE.toLocaleString('en')} msg/s, ${SECONDS} s)`
    results.push(await run(label, 'bulk', RATE, SECONDS, awaiting))
  }
  if (!SKIP_NAIVE) {
    results.push(
      await run(
        `naive Local API update (target ${NAIVE_RATE.toLocaleString('en')} msg/s, ${NAIVE_SECONDS} s)`,
        'naive',
        NAIVE_RATE,
        NAIVE_SECONDS,
      ),
    )
  }
  console.log('\n| run | sent | taken | msg/s | publish→DB p50 | p99 | app CPU | app peak RSS |')
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of results) {
    const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`)
    console.log(
      `| ${r.label} | ${r.sent} | ${r.written} | ${r.msgPerSec} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.cpu} % | ${r.rssMb} MB |`,
    )
  }
  const naive = results.find((r) => r.label.startsWith('naive'))
  if (naive)
    console.log(`\nbulk ÷ naive throughput: ${(results[0].msgPerSec / Math.max(1, naive.msgPerSec)).toFixed(1)}×`)
  const c = commissioning as Commissioning | null
  if (c) {
    console.log(
      `\ncommissioning: ${c.awaiting} pumps awaiting; ${c.duringRun} commissioned during the publishing run, ${c.total} in all ` +
        `(${c.failures} failures); ${c.perSecond} pumps/s from the first message until the queue was empty ` +
        `(${c.drainSeconds} s after the publisher stopped)`,
    )
  }
  console.log('(app CPU: % of one core used by this process; the publisher and the broker run in other processes)')
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
