// A pump's readings as CSV, streamed page by page (5,000 rows a query, by time): a year of one-minute data is
// never held in memory.
import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { TelemetryQuery } from '../../domain/telemetry-query'
import { learnKeysets, rows } from './read'

const PAGE_ROWS = 5_000

/** A field as CSV writes it (keys follow a pattern with no commas or quotes; times are ISO). */
const csvLine = (cells: (string | number | null)[]) =>
  cells.map((cell) => (cell === null ? '' : String(cell))).join(',') + '\n'

async function keysInRange(req: PayloadRequest, pumpId: number, query: TelemetryQuery): Promise<string[]> {
  if (query.keys) return query.keys
  const found = await rows<{ key: string }>(
    req,
    sql`select distinct unnest(k.keys) as key from telemetry_keysets k where k.id in (
      select distinct keyset from telemetry_readings where pump_id = ${pumpId}
        and ts >= ${query.from.toISOString()}::timestamptz and ts < ${query.to.toISOString()}::timestamptz)
      order by key`,
  )
  return found.map((row) => row.key)
}

/** The raw readings of `query`'s range: `time,key1,key2…`, one line per stored message. */
export async function readingsCsv(
  req: PayloadRequest,
  pumpId: number,
  query: TelemetryQuery,
): Promise<ReadableStream<Uint8Array>> {
  const keys = await keysInRange(req, pumpId, query)
  const encoder = new TextEncoder()
  let after = query.from.toISOString()
  let first = true
  let done = false
  const keysets = new Map<number, string[]>()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close()
      // Rows carry the key set's id, its keys are learnt once (a text[] per row cost more than the values).
      const page = await rows<{ ts: string; keyset: number; vals: number[] }>(
        req,
        sql`select to_char(r.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ts, r.keyset, r.vals
          from telemetry_readings r
          where r.pump_id = ${pumpId} and r.ts ${first ? sql`>=` : sql`>`} ${after}::timestamptz
            and r.ts < ${query.to.toISOString()}::timestamptz
          order by r.ts limit ${PAGE_ROWS}`,
      )
      let text = first ? csvLine(['time', ...keys]) : ''
      first = false
      await learnKeysets(
        req,
        page.map((row) => row.keyset),
        keysets,
      )
      for (const row of page) {
        const rowKeys = keysets.get(row.keyset) ?? []
        text += csvLine([row.ts, ...keys.map((key) => row.vals[rowKeys.indexOf(key)] ?? null)])
      }
      if (page.length) after = page[page.length - 1].ts
      if (page.length < PAGE_ROWS) done = true
      controller.enqueue(encoder.encode(text))
    },
  })
}
