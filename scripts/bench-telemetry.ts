// `npm run bench:telemetry`: ingestion with telemetry history against the card-only path in the same run (100,000
// pumps, 6 readings a message), bytes per stored message, and chart/CSV reads on a generated history.
// Options: --rate N (10000 msg/s), --seconds S (20), --pumps N (100000), --history-pumps N (2000), --history-days D (7),
// --rollup-pumps N (20), --reads N (50). Broker and database as bench:ingest (MQTT_URL, DATABASE_URL).
import { exportToEnvironment, settings } from '../src/settings'
import { benchBroker, benchDatabase, child, machineLine } from './bench-support'

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
const READINGS = 6
const DAY = 86_400_000

type Db = { execute: (query: unknown) => Promise<unknown> }
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows
const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now()
  await work()
  return performance.now() - started
}

async function main(): Promise<void> {
  const database = await benchDatabase('hp_bench_telemetry')
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
  await db.execute(sql`insert into pumps (serial, status, online, updated_at, created_at)
    select 'BENCH-' || lpad(i::text, 6, '0'), 'in_operation', false, now(), now() from generate_series(1, ${PUMPS}) i`)
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
    const before = ingester.counts.received
    const cpuBefore = process.cpuUsage()
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
    clearInterval(sampler)
    const { p50, p99 } = ingester.latencyPercentiles()
    await ingester.stop()
    const received = ingester.counts.received - before
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
    }
  }

  const cardOnly = await run('card only (bench:ingest path)', false)
  const withHistory = await run('card + history', true)
  console.log(
    `\n| run (${READINGS} readings/message, ${PUMPS.toLocaleString('en')} pumps, target ${RATE.toLocaleString('en')} msg/s, ${SECONDS} s) | sent | taken | msg/s | publish→DB p50 | p99 | readings rows stored | app CPU | app peak RSS |`,
  )
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const r of [cardOnly, withHistory]) {
    const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`)
    console.log(
      `| ${r.label} | ${r.sent} | ${r.received} | ${r.msgPerSec} | ${ms(r.p50)} | ${ms(r.p99)} | ${history(r)} | ${r.cpu} % | ${r.rssMb} MB |`,
    )
  }
  function history(r: typeof cardOnly) {
    return r === cardOnly ? '–' : String(r.stored)
  }
  console.log(
    `\nwith history ÷ card only throughput: ${(withHistory.msgPerSec / Math.max(1, cardOnly.msgPerSec)).toFixed(2)}`,
  )

  // Storage: everything telemetry_readings holds (all partitions, their primary key indexes) per stored message.
  await maintain()
  await db.execute(sql`vacuum analyze telemetry_readings`)
  const [size] = rowsOf<{ bytes: string; rows: string }>(
    await db.execute(sql`
    select sum(pg_total_relation_size(c.oid))::bigint as bytes, (select count(*) from telemetry_readings)::bigint as rows
    from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'telemetry_readings'::regclass`),
  )
  console.log(
    `\nstorage: ${Number(size.rows).toLocaleString('en')} messages of ${READINGS} readings in ${(Number(size.bytes) / 1024 / 1024).toFixed(1)} MB: ${(Number(size.bytes) / Math.max(1, Number(size.rows))).toFixed(0)} bytes per message (heap + primary key)`,
  )

  await reads(db, sql)
  console.log(machineLine())
  broker.stop()
  await closePayload(payload)
  await database.embedded?.stop()
  process.exit(0)

  async function reads(db: Db, sqlTag: typeof sql) {
    // History: HISTORY_PUMPS × HISTORY_DAYS at one message a minute (pump BENCH-000001 gets 30 days, for the CSV).
    const now = Date.now() - (Date.now() % 60_000)
    const started = Date.now()
    const keys = `{comp_hz,cop,power_w,t_flow,t_out,t_return}`
    await db.execute(sqlTag`insert into telemetry_keysets (keys) values (${keys}::text[]) on conflict do nothing`)
    for (let day = 0; day < Math.max(HISTORY_DAYS, 30); day++) {
      const pumps = day < HISTORY_DAYS ? HISTORY_PUMPS : 1
      const from = new Date(now - (day + 1) * DAY).toISOString()
      await db.execute(sqlTag`insert into telemetry_readings (pump_id, ts, keyset, vals)
        select p, t, (select id from telemetry_keysets where keys = ${keys}::text[]),
          array[random() * 90, 2 + random() * 3, 1000 + random() * 2000, 35 + random() * 10, -10 + random() * 10, 30 + random() * 8]::real[]
        from generate_series(1, ${pumps}) p, generate_series(${from}::timestamptz, ${from}::timestamptz + interval '1 day' - interval '1 minute', interval '1 minute') t
        on conflict do nothing`)
    }
    const [count] = rowsOf<{ n: string }>(await db.execute(sqlTag`select count(*) as n from telemetry_readings`))
    console.log(
      `\nhistory generated: ${Number(count.n).toLocaleString('en')} messages (${HISTORY_PUMPS} pumps × ${HISTORY_DAYS} days at 1/min, pump 1: 30 days) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    )
    // Rollups for ROLLUP_PUMPS pumps: 5-minute for 35 days and hourly for a year, 3 keys (generated directly).
    for (const [table, step, days] of [
      ['telemetry_5m', '5 minutes', 35],
      ['telemetry_1h', '1 hour', 366],
    ] as const) {
      await db.execute(sqlTag`insert into ${sqlTag.raw(table)} (pump_id, key, bucket, min, max, sum, count)
        select p, k, b, 1, 3, 10, 5 from generate_series(1, ${ROLLUP_PUMPS}) p, unnest(array['t_out','t_flow','power_w']) k,
          generate_series(now() - ${`${days} days`}::interval, now(), ${step}::interval) b on conflict do nothing`)
    }
    await db.execute(sqlTag`vacuum analyze telemetry_5m`)
    await db.execute(sqlTag`vacuum analyze telemetry_1h`)
    const { readSeries } = await import('../src/services/telemetry/read')
    const { readingsCsv } = await import('../src/services/telemetry/csv')
    const req = { payload } as never
    const query = (days: number) => ({
      from: new Date(now - days * DAY),
      to: new Date(now),
      keys: ['t_out', 't_flow', 'power_w'],
      resolution: 'auto' as const,
    })
    const table: string[] = []
    for (const [label, days, pumps] of [
      ['24 h chart (raw), 3 keys', 1, HISTORY_PUMPS],
      ['30 d chart (5-min rollup), 3 keys', 30, ROLLUP_PUMPS],
      ['1 y chart (hourly rollup), 3 keys', 365, ROLLUP_PUMPS],
    ] as const) {
      const times: number[] = []
      for (let i = 0; i < READS; i++)
        times.push(await timed(() => readSeries(req, 1 + Math.floor(Math.random() * pumps), query(days))))
      times.sort((a, b) => a - b)
      table.push(`| ${label} | ${READS} | ${p(times, 0.5).toFixed(1)} ms | ${p(times, 0.95).toFixed(1)} ms |`)
    }
    const csvTimes: number[] = []
    let bytes = 0
    for (let i = 0; i < 5; i++) {
      csvTimes.push(
        await timed(async () => {
          const reader = (await readingsCsv(req, 1, { ...query(30), keys: null })).getReader()
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
            bytes += chunk.value.byteLength
        }),
      )
    }
    csvTimes.sort((a, b) => a - b)
    table.push(
      `| CSV of 30 days of one pump (${(bytes / 5 / 1024 / 1024).toFixed(1)} MB, 43,200 lines) | 5 | ${p(csvTimes, 0.5).toFixed(0)} ms | ${p(csvTimes, 0.95).toFixed(0)} ms |`,
    )
    console.log('\n| read | runs | p50 | p95 |\n|---|---|---|---|')
    console.log(table.join('\n'))
  }
}

main().catch((error: Error) => {
  console.error(`[bench] ${error.stack ?? error.message}`)
  process.exit(1)
})
