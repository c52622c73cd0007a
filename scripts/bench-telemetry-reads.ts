// bench:telemetry's history part: a generated history (in time order, as the ingestion writes it), its bytes per
// message, and the chart and CSV reads through the read service the REST endpoints call.
import type { sql as sqlTag } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

type Sql = typeof sqlTag
type Db = { execute: (query: unknown) => Promise<unknown> }
export type HistoryOptions = {
  pumps: number
  days: number
  rollupPumps: number
  reads: number
  /** The telemetry job run with its clock at `at` (it makes the day partitions around it). */
  maintainAt: (at: Date) => Promise<unknown>
}

const DAY = 86_400_000
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows
const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now()
  await work()
  return performance.now() - started
}

/** Everything telemetry_readings holds (all partitions with their indexes) per stored message. */
export async function storageLine(db: Db, sql: Sql, what: string): Promise<string> {
  await db.execute(sql`vacuum analyze telemetry_readings`)
  const [size] = rowsOf<{ heap: string; indexes: string; rows: string }>(
    await db.execute(sql`
    select sum(pg_table_size(c.oid))::bigint as heap, sum(pg_indexes_size(c.oid))::bigint as indexes,
      (select count(*) from telemetry_readings)::bigint as rows
    from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'telemetry_readings'::regclass`),
  )
  const rows = Math.max(1, Number(size.rows))
  const per = (bytes: string) => (Number(bytes) / rows).toFixed(1)
  const total = Number(size.heap) + Number(size.indexes)
  return `storage (${what}): ${Number(size.rows).toLocaleString('en')} messages of 6 readings in ${(total / 1024 / 1024).toFixed(1)} MB: ${(total / rows).toFixed(1)} bytes per message (heap ${per(size.heap)} + indexes ${per(size.indexes)})`
}

/** HISTORY pumps × days at one message a minute, hour by hour, every pump each minute (pump 1: 30 days). */
async function generateHistory(db: Db, sql: Sql, options: HistoryOptions, now: number) {
  const keys = `{comp_hz,cop,power_w,t_flow,t_out,t_return}`
  await db.execute(sql`insert into telemetry_keysets (keys) values (${keys}::text[]) on conflict do nothing`)
  const [{ id }] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from telemetry_keysets where keys = ${keys}::text[]`),
  )
  // Each day in its own partition, as the job makes them.
  for (let day = Math.max(options.days, 30); day >= 0; day -= 2) await options.maintainAt(new Date(now - day * DAY))
  for (let hour = Math.max(options.days, 30) * 24; hour > 0; hour--) {
    const pumps = hour <= options.days * 24 ? options.pumps : 1
    const from = new Date(now - hour * 3_600_000).toISOString()
    await db.execute(sql`insert into telemetry_readings (pump_id, ts, keyset, vals)
      select p, t, ${id}::int,
        array[random() * 90, 2 + random() * 3, 1000 + random() * 2000, 35 + random() * 10, -10 + random() * 10, 30 + random() * 8]::real[]
      from generate_series(${from}::timestamptz, ${from}::timestamptz + interval '59 minutes', interval '1 minute') t,
        generate_series(1, ${pumps}) p
      order by t, p
      on conflict do nothing`)
  }
}

/** Rollups of 6 keys for `rollupPumps` pumps, bucket by bucket as the job writes them. */
async function generateRollups(db: Db, sql: Sql, options: HistoryOptions) {
  const hasDaily = rowsOf<{ ok: boolean }>(await db.execute(sql`select to_regclass('telemetry_1d') is not null as ok`))
  for (const [table, step, days] of [
    ['telemetry_5m', '5 minutes', 35],
    ['telemetry_1h', '1 hour', 366],
    ...(hasDaily[0].ok ? [['telemetry_1d', '1 day', 366] as const] : []),
  ] as const) {
    await db.execute(sql`insert into ${sql.raw(table)} (pump_id, key, bucket, min, max, sum, count)
      select p, k, b, 1, 3, 10, 5 from generate_series(date_bin(${step}::interval, now() - ${`${days} days`}::interval,
          timestamptz '2000-01-01 00:00:00+00'), now(), ${step}::interval) b,
        generate_series(1, ${options.rollupPumps}) p,
        unnest(array['comp_hz','cop','power_w','t_flow','t_out','t_return']) k
      order by b, p, k on conflict do nothing`)
    await db.execute(sql`vacuum analyze ${sql.raw(table)}`)
  }
}

async function readTimes(payload: Payload, options: HistoryOptions, now: number): Promise<string[]> {
  const { readSeries } = await import('../src/services/telemetry/read')
  const { readingsCsv } = await import('../src/services/telemetry/csv')
  const req = { payload } as never
  const query = (days: number, resolution: 'auto' | '1h' = 'auto') => ({
    from: new Date(now - days * DAY),
    to: new Date(now),
    keys: ['t_out', 't_flow', 'power_w'],
    resolution,
  })
  const table: string[] = []
  for (const [label, days, pumps, resolution] of [
    ['24 h chart (raw), 3 keys', 1, options.pumps, 'auto'],
    ['7 d chart (5-min rollup), 3 keys', 7, options.rollupPumps, 'auto'],
    ['30 d chart (hourly rollup), 3 keys', 30, options.rollupPumps, 'auto'],
    ['1 y chart (daily rollup), 3 keys', 365, options.rollupPumps, 'auto'],
    ['1 y chart asked for hourly (resolution=1h), 3 keys', 365, options.rollupPumps, '1h'],
  ] as const) {
    const times: number[] = []
    let points = 0
    for (let i = 0; i < options.reads; i++) {
      const pump = 1 + Math.floor(Math.random() * pumps)
      times.push(await timed(async () => (points = (await readSeries(req, pump, query(days, resolution)))!.t.length)))
    }
    times.sort((a, b) => a - b)
    table.push(
      `| ${label} | ${points.toLocaleString('en')} | ${options.reads} | ${p(times, 0.5).toFixed(1)} ms | ${p(times, 0.95).toFixed(1)} ms |`,
    )
  }
  const csvTimes: number[] = []
  let bytes = 0
  for (let i = 0; i < 5; i++) {
    csvTimes.push(
      await timed(async () => {
        const reader = (await readingsCsv(req, 1, { ...query(30), keys: null })).getReader()
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength
      }),
    )
  }
  csvTimes.sort((a, b) => a - b)
  table.push(
    `| CSV of 30 days of one pump (${(bytes / 5 / 1024 / 1024).toFixed(1)} MB) | 43,200 lines | 5 | ${p(csvTimes, 0.5).toFixed(0)} ms | ${p(csvTimes, 0.95).toFixed(0)} ms |`,
  )
  return table
}

export async function historyReads(payload: Payload, db: Db, sql: Sql, options: HistoryOptions): Promise<void> {
  const now = Date.now() - (Date.now() % 60_000)
  const started = Date.now()
  await generateHistory(db, sql, options, now)
  const [count] = rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from telemetry_readings`))
  console.log(
    `\nhistory generated: ${Number(count.n).toLocaleString('en')} messages (${options.pumps} pumps × ${options.days} days at 1/min, in time order; pump 1: 30 days) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
  console.log(await storageLine(db, sql, 'generated history'))
  await generateRollups(db, sql, options)
  console.log(`rollups: 6 keys of ${options.rollupPumps} pumps, 5-minute for 35 days, hourly and daily for 366 days`)
  const table = await readTimes(payload, options, now)
  console.log('\n| read | points per key | runs | p50 | p95 |\n|---|---|---|---|---|')
  console.log(table.join('\n'))
}
