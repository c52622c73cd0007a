// Reads of a pump's telemetry for charts, the card and the owner's app: who may read (the pumps' own access), the
// model's schema, the latest values, and series at the resolution that keeps the answer bounded.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import {
  MAX_POINTS_PER_KEY,
  pickResolution,
  type Resolution,
  type Rollup,
  type TelemetryQuery,
} from '../../domain/telemetry-query'
import { outOfRange, type TelemetryKey } from '../../domain/telemetry'

type Rows<T> = { rows: T[] }
export const db = (req: PayloadRequest) => (req.payload.db as unknown as PostgresAdapter).drizzle
export async function rows<T>(req: PayloadRequest, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db(req).execute(query)) as unknown as Rows<T>).rows
}

export type PumpTelemetry = {
  id: number
  timezone: string | null
  schema: TelemetryKey[]
  latest: Record<string, { v: number; at: string }>
}

/** The pump as the caller may read it (staff, its partner, its owner), with its model's schema; null: 404. */
export async function readablePump(req: PayloadRequest, id: number): Promise<PumpTelemetry | null> {
  if (!Number.isSafeInteger(id) || id <= 0 || !req.user) return null
  const { docs } = await req.payload.find({
    collection: 'pumps',
    where: { id: { equals: id } },
    limit: 1,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const pump = docs[0] as
    { id: number; model?: number | null; telemetryLatest?: unknown; timezone?: string | null } | undefined
  if (!pump) return null
  let schema: TelemetryKey[] = []
  if (pump.model) {
    const model = await req.payload.findByID({ collection: 'models', id: pump.model, depth: 0, disableErrors: true })
    schema = ((model as { telemetry?: TelemetryKey[] } | null)?.telemetry ?? []).map(
      ({ key, name, unit, kind, min, max, decimals, values }) => ({
        key,
        name,
        unit,
        kind,
        min,
        max,
        decimals,
        values,
      }),
    )
  }
  const latest = (pump.telemetryLatest ?? {}) as PumpTelemetry['latest']
  return { id: pump.id, timezone: pump.timezone ?? null, schema, latest }
}

/** The latest values, the model's keys first in its order, then keys the model does not describe. */
export function latestValues(pump: PumpTelemetry) {
  const described = new Map(pump.schema.map((key) => [key.key, key]))
  const keys = [
    ...pump.schema.map((key) => key.key).filter((key) => key in pump.latest),
    ...Object.keys(pump.latest)
      .filter((key) => !described.has(key))
      .sort(),
  ]
  return keys.map((key) => ({
    key,
    value: pump.latest[key].v,
    at: pump.latest[key].at,
    outOfRange: outOfRange(pump.latest[key].v, described.get(key)),
    schema: described.get(key) ?? null,
  }))
}

export type Series = {
  resolution: Resolution
  /** Epoch milliseconds of each point (the bucket's start for rollups). */
  t: number[]
  /** Per key: the value (raw) or the average (rollups); null where the key has no value. */
  values: Record<string, (number | null)[]>
  /** Rollups only: the min–max band per key. */
  min?: Record<string, (number | null)[]>
  max?: Record<string, (number | null)[]>
}

/** Key set id → its keys, for the ids not in `known` yet (one small query; rows carry only the id). */
export async function learnKeysets(req: PayloadRequest, ids: number[], known: Map<number, string[]>) {
  const missing = [...new Set(ids)].filter((id) => !known.has(id))
  if (!missing.length) return known
  const found = await rows<{ id: number; keys: string[] }>(
    req,
    sql`select id, keys from telemetry_keysets where id = any(${`{${missing.join(',')}}`}::int[])`,
  )
  for (const row of found) known.set(row.id, row.keys)
  return known
}

async function rawSeries(req: PayloadRequest, pumpId: number, query: TelemetryQuery): Promise<Series | null> {
  const page = await rows<{ t: string; keyset: number; vals: number[] }>(
    req,
    sql`select (extract(epoch from r.ts) * 1000)::bigint as t, r.keyset, r.vals from telemetry_readings r
      where r.pump_id = ${pumpId} and r.ts >= ${query.from.toISOString()}::timestamptz
        and r.ts < ${query.to.toISOString()}::timestamptz
      order by r.ts limit ${MAX_POINTS_PER_KEY + 1}`,
  )
  if (page.length > MAX_POINTS_PER_KEY) return null
  const keysets = await learnKeysets(
    req,
    page.map((row) => row.keyset),
    new Map(),
  )
  const found = page.map((row) => ({ t: row.t, keys: keysets.get(row.keyset) ?? [], vals: row.vals }))
  const keys = query.keys ?? [...new Set(found.flatMap((row) => row.keys))].sort()
  const values: Series['values'] = Object.fromEntries(keys.map((key) => [key, [] as (number | null)[]]))
  const t: number[] = []
  for (const row of found) {
    // A message with none of the keys asked for is no point of this chart.
    if (!keys.some((key) => row.keys.includes(key))) continue
    t.push(Number(row.t))
    for (const key of keys) {
      const index = row.keys.indexOf(key)
      values[key].push(index < 0 ? null : row.vals[index])
    }
  }
  return { resolution: 'raw', t, values }
}

/** Keys are checked against TELEMETRY_KEY_PATTERN (no commas, quotes or braces), so a text[] literal holds them. */
const ROLLUP_TABLES: Record<Rollup, string> = { '5m': 'telemetry_5m', '1h': 'telemetry_1h', '1d': 'telemetry_1d' }

async function rollupSeries(req: PayloadRequest, pumpId: number, query: TelemetryQuery, resolution: Rollup) {
  const table = sql.raw(ROLLUP_TABLES[resolution])
  const found = await rows<{ t: string; key: string; min: number; max: number; avg: number }>(
    req,
    sql`select (extract(epoch from bucket) * 1000)::bigint as t, key, min, max, sum / count as avg
      from ${table} where pump_id = ${pumpId}
        and bucket >= ${query.from.toISOString()}::timestamptz and bucket < ${query.to.toISOString()}::timestamptz
        ${query.keys ? sql`and key = any(${`{${query.keys.join(',')}}`}::text[])` : sql``}
      order by bucket, key`,
  )
  const t = [...new Set(found.map((row) => Number(row.t)))]
  const at = new Map(t.map((time, index) => [time, index]))
  const keys = query.keys ?? [...new Set(found.map((row) => row.key))].sort()
  const empty = () => Object.fromEntries(keys.map((key) => [key, new Array<number | null>(t.length).fill(null)]))
  const series: Series = { resolution, t, values: empty(), min: empty(), max: empty() }
  for (const row of found) {
    const index = at.get(Number(row.t))!
    series.values[row.key][index] = Number(row.avg)
    series.min![row.key][index] = row.min
    series.max![row.key][index] = row.max
  }
  return series
}

/** The series for a range, raw when it fits the bound, else a rollup; null: too long for any (a 400). */
export async function readSeries(req: PayloadRequest, pumpId: number, query: TelemetryQuery): Promise<Series | null> {
  const resolution = pickResolution(query.from, query.to, query.resolution)
  if (resolution === null) return null
  if (resolution !== 'raw') return rollupSeries(req, pumpId, query, resolution)
  const raw = await rawSeries(req, pumpId, query)
  if (raw || query.resolution === 'raw') return raw
  return rollupSeries(req, pumpId, query, '5m')
}
