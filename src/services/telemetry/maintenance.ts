// The telemetry job: rollups brought up to date from the buckets new readings fell in, day partitions created ahead
// (rows the default partition caught moved into theirs) and expired ones dropped. Each run holds a transaction-level
// advisory lock: with several instances one runs and the others skip; all its state is in the database, so a
// restart loses nothing (the next run takes the marked buckets).
import { sql } from '@payloadcms/db-postgres'

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }
export type Database = Executor & { transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T> }

const LOCK = sql`hashtextextended('telemetry-maintenance', 0)`
/** Marked 5-minute buckets rolled up per run (the rest in the next one). */
const BUCKETS_PER_RUN = 20_000
const DAY_MS = 86_400_000
/** Days are UTC days, whatever the session's time zone. */
const DAY_ORIGIN = sql`timestamptz '2000-01-01 00:00:00+00'`

export type MaintenanceOptions = { now: Date; rawDays: number; daysAhead: number }
export type MaintenanceResult = { ran: boolean; rolledUp: number; created: string[]; dropped: string[] }

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows
const dayStart = (ms: number) => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS)
const partitionName = (dayMs: number) =>
  `telemetry_readings_p${new Date(dayMs).toISOString().slice(0, 10).replaceAll('-', '')}`

/**
 * Recomputes the 5-minute rollups of the marked buckets from the raw rows, then their hours from the 5-minute ones,
 * then their (UTC) days from the hours.
 */
async function rollUp(tx: Executor): Promise<number> {
  await tx.execute(
    sql`create temporary table if not exists telemetry_taken (pump_id integer, bucket timestamptz) on commit drop`,
  )
  await tx.execute(sql`insert into telemetry_taken select pump_id, bucket from telemetry_dirty
    order by bucket limit ${BUCKETS_PER_RUN} for update skip locked`)
  await tx.execute(
    sql`delete from telemetry_dirty d using telemetry_taken t where d.pump_id = t.pump_id and d.bucket = t.bucket`,
  )
  await tx.execute(sql`insert into telemetry_5m (pump_id, key, bucket, min, max, sum, count)
    select r.pump_id, e.key, t.bucket, min(e.v), max(e.v), sum(e.v), count(*)
    from telemetry_taken t
    join telemetry_readings r on r.pump_id = t.pump_id and r.ts >= t.bucket and r.ts < t.bucket + interval '5 minutes'
    join telemetry_keysets k on k.id = r.keyset
    cross join lateral unnest(k.keys, r.vals) as e(key, v)
    group by r.pump_id, e.key, t.bucket
    on conflict (pump_id, key, bucket) do update
      set min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count`)
  await tx.execute(sql`insert into telemetry_1h (pump_id, key, bucket, min, max, sum, count)
    select f.pump_id, f.key, h.hour, min(f.min), max(f.max), sum(f.sum), sum(f.count)
    from (select distinct pump_id, date_trunc('hour', bucket) as hour from telemetry_taken) h
    join telemetry_5m f on f.pump_id = h.pump_id and f.bucket >= h.hour and f.bucket < h.hour + interval '1 hour'
    group by f.pump_id, f.key, h.hour
    on conflict (pump_id, key, bucket) do update
      set min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count`)
  await tx.execute(sql`insert into telemetry_1d (pump_id, key, bucket, min, max, sum, count)
    select f.pump_id, f.key, d.day, min(f.min), max(f.max), sum(f.sum), sum(f.count)
    from (select distinct pump_id, date_bin('1 day', bucket, ${DAY_ORIGIN}) as day from telemetry_taken) d
    join telemetry_1h f on f.pump_id = d.pump_id and f.bucket >= d.day and f.bucket < d.day + interval '1 day'
    group by f.pump_id, f.key, d.day
    on conflict (pump_id, key, bucket) do update
      set min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count`)
  const taken = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from telemetry_taken`))[0].n
  await tx.execute(sql`drop table telemetry_taken`)
  return taken
}

async function existingPartitions(tx: Executor): Promise<Set<string>> {
  const found = rowsOf<{ name: string }>(
    await tx.execute(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'telemetry_readings'::regclass`),
  )
  return new Set(found.map((row) => row.name))
}

/** A day's partition; rows of that day the default partition holds move into it (in this transaction). */
async function createPartition(tx: Executor, dayMs: number): Promise<string> {
  const name = partitionName(dayMs)
  const from = new Date(dayMs).toISOString()
  const to = new Date(dayMs + DAY_MS).toISOString()
  await tx.execute(sql`create temporary table telemetry_moved on commit drop as
    with moved as (delete from telemetry_readings_default where ts >= ${from}::timestamptz and ts < ${to}::timestamptz
      returning ts, pump_id, keyset, vals)
    select * from moved`)
  await tx.execute(
    sql.raw(`create table "${name}" partition of telemetry_readings for values from ('${from}') to ('${to}')`),
  )
  // Columns named: a partition made before 20261205_160100 keeps its own column order.
  await tx.execute(sql`insert into telemetry_readings (ts, pump_id, keyset, vals)
    select ts, pump_id, keyset, vals from telemetry_moved`)
  await tx.execute(sql`drop table telemetry_moved`)
  return name
}

/** Partitions from yesterday to `daysAhead` days ahead, and for the days the default partition caught rows of. */
async function createAhead(tx: Executor, options: MaintenanceOptions, cutoffMs: number): Promise<string[]> {
  const today = dayStart(options.now.getTime())
  const days = new Set<number>()
  for (let day = today - DAY_MS; day <= today + options.daysAhead * DAY_MS; day += DAY_MS) days.add(day)
  const caught = rowsOf<{ day: string }>(
    await tx.execute(sql`select distinct (extract(epoch from date_trunc('day', ts at time zone 'UTC')) * 1000)::bigint as day
      from telemetry_readings_default where ts >= ${new Date(cutoffMs).toISOString()}::timestamptz`),
  )
  for (const row of caught) days.add(Number(row.day))
  const existing = await existingPartitions(tx)
  const created: string[] = []
  for (const day of [...days].sort((a, b) => a - b)) {
    if (!existing.has(partitionName(day))) created.push(await createPartition(tx, day))
  }
  return created
}

/** Drops the day partitions wholly before the cutoff, and the default partition's rows before it. */
async function dropExpired(tx: Executor, cutoffMs: number): Promise<string[]> {
  const dropped: string[] = []
  for (const name of await existingPartitions(tx)) {
    const match = /^telemetry_readings_p(\d{4})(\d{2})(\d{2})$/.exec(name)
    if (!match) continue
    const dayMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    if (dayMs + DAY_MS > cutoffMs) continue
    await tx.execute(sql.raw(`drop table "${name}"`))
    dropped.push(name)
  }
  await tx.execute(
    sql`delete from telemetry_readings_default where ts < ${new Date(cutoffMs).toISOString()}::timestamptz`,
  )
  return dropped.sort()
}

/** One run; `ran` is false when another instance holds the lock. */
export async function runTelemetryMaintenance(db: Database, options: MaintenanceOptions): Promise<MaintenanceResult> {
  return db.transaction(async (tx) => {
    const locked = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK}) as ok`))[0]
    if (!locked.ok) return { ran: false, rolledUp: 0, created: [], dropped: [] }
    const cutoffMs = dayStart(options.now.getTime()) - options.rawDays * DAY_MS
    // Rollups first: buckets of days about to be dropped are counted before their raw rows go.
    const rolledUp = await rollUp(tx)
    const created = await createAhead(tx, options, cutoffMs)
    const dropped = await dropExpired(tx, cutoffMs)
    return { ran: true, rolledUp, created, dropped }
  })
}
