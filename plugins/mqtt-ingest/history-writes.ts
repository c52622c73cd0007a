// Telemetry history in the batch's own transaction: every written card's readings as rows of the host's readings
// table, in one multi-row INSERT, idempotent for a repeated (pump, ts); the 5-minute buckets they touch are marked
// for the rollup job. The tables are the host's (its SQL migration); their names come in through the options.
import { sql } from '@payloadcms/db-postgres'

import type { Reading } from './readings'

/** Where the host keeps telemetry (see the host's migration): the plugin writes there, and the card's latest values. */
export type TelemetryTarget = {
  /** (pump_id, ts, keyset, vals real[]), primary key (pump_id, ts). */
  readingsTable: string
  /** (id, keys text[] unique): each distinct sorted key set once. */
  keysetsTable: string
  /** (pump_id, bucket): the 5-minute buckets new readings fell in, for the rollup job. */
  dirtyTable: string
  /** The pumps' jsonb column of latest values per key. */
  latestColumn: string
}

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/
/** A table or column name of the host's, checked, for use in SQL text. */
export function identifier(name: string): ReturnType<typeof sql.raw> {
  if (!IDENTIFIER.test(name)) throw new Error(`telemetry: "${name}" is not a plain SQL identifier`)
  return sql.raw(`"${name}"`)
}

/** Key set → id, learnt from the database; shared by the batches of one ingester. */
export type KeysetCache = Map<string, number>

/** Telemetry history beside the cards (the host's tables), with each pump's pending readings; null: cards only. */
export type HistoryWrites = {
  target: TelemetryTarget
  keysets: KeysetCache
  readingsOf: (serial: string) => readonly Reading[]
  /** Readings stored (a repeated message is not counted again). */
  stored: (count: number) => void
}

/** The history writes of one batch, or null when the host keeps no telemetry. */
export function historyWrites(
  target: TelemetryTarget | undefined,
  keysets: KeysetCache,
  batch: Map<string, { readings: Reading[] }>,
  counts: { readingsStored: number },
): HistoryWrites | null {
  if (!target) return null
  const stored = (count: number) => void (counts.readingsStored += count)
  return { target, keysets, readingsOf: (serial) => batch.get(serial)?.readings ?? [], stored }
}

/**
 * Learns the ids of key sets, adding the new ones. Called with the database outside the batch's transaction, so a
 * cached id is always committed (a batch rolled back must not leave the cache naming a key set that is gone).
 */
export async function keysetIds(db: Executor, target: TelemetryTarget, cache: KeysetCache, sets: string[][]) {
  const missing = [...new Map(sets.map((keys) => [keys.join(','), keys])).entries()].filter(
    ([name]) => !cache.has(name),
  )
  if (!missing.length) return
  const table = identifier(target.keysetsTable)
  const json = JSON.stringify(missing.map(([, keys]) => keys))
  // Two statements: the select sees a key set another instance has just committed.
  await db.execute(sql`insert into ${table} (keys)
    select array(select jsonb_array_elements_text(k)) from jsonb_array_elements(${json}::jsonb) as k
    on conflict (keys) do nothing`)
  const result = (await db.execute(sql`select id, keys from ${table}
    where keys in (select array(select jsonb_array_elements_text(k)) from jsonb_array_elements(${json}::jsonb) as k)`)) as {
    rows: { id: number; keys: string[] }[]
  }
  for (const row of result.rows) cache.set(row.keys.join(','), row.id)
}

/** Stores the readings of the pumps written; a repeated (pump, ts) is kept once (the first one stored). */
export async function insertReadings(
  tx: Executor,
  target: TelemetryTarget,
  cache: KeysetCache,
  readings: { pump: number; reading: Reading }[],
): Promise<number> {
  if (!readings.length) return 0
  // Key sets not learnt beforehand are added in this transaction, into a copy: the shared cache stays committed ids.
  const local = new Map(cache)
  await keysetIds(
    tx,
    target,
    local,
    readings.map((entry) => entry.reading.keys),
  )
  const rows = readings.map(({ pump, reading }) => ({
    p: pump,
    t: reading.at.toISOString(),
    k: local.get(reading.keys.join(',')),
    v: reading.values,
  }))
  const result = (await tx.execute(sql`
    with ins as (
      insert into ${identifier(target.readingsTable)} (pump_id, ts, keyset, vals)
      select p, t, k, v
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(p integer, t timestamptz, k integer, v real[])
      on conflict do nothing
      returning pump_id, ts
    ), marked as (
      insert into ${identifier(target.dirtyTable)} (pump_id, bucket)
      select distinct pump_id, date_bin('5 minutes', ts, timestamptz '2000-01-01 00:00:00+00') from ins
      on conflict do nothing
    )
    select count(*)::int as stored from ins`)) as { rows: { stored: number }[] }
  return result.rows[0]?.stored ?? 0
}
