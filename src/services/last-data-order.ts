// A pump list sorted by last data would sort the whole `pumps` table: `last_data_at` has no index there, so that the
// ingestion's card updates stay in place (HOT). The same order is kept in `pump_activity`'s index (equal to the card
// by triggers; migration `20261206_040000_pump_activity_sql`): for such a sort the page's ids are read walking that
// index, under the same filter and access, then the page's pumps by id. Same rows, same order (pump-reads.ts).
import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { buildQuery } from '@payloadcms/drizzle'
import type { FindArgs, PaginatedDocs, PayloadRequest, Sort } from 'payload'

const FIELD = 'lastDataAt'
const ORDER = {
  desc: sql`pump_activity.last_data_at desc, pump_activity.created_at desc, pump_activity.pump_id desc`,
  asc: sql`pump_activity.last_data_at asc, pump_activity.created_at desc, pump_activity.pump_id desc`,
}

/** `desc` or `asc` for a sort by last data alone (Payload adds `-createdAt` after it, as the order here does), else null. */
export function lastDataDirection(sort: Sort | undefined): 'asc' | 'desc' | null {
  const keys = (typeof sort === 'string' ? sort.split(',') : (sort ?? [])).map((key) => key.trim()).filter(Boolean)
  if (keys.length > 2 || (keys.length === 2 && keys[1] !== '-createdAt')) return null
  return keys[0] === `-${FIELD}` ? 'desc' : keys[0] === FIELD ? 'asc' : null
}

/** The request's transaction when it has one (Payload's `getTransaction`), else the pool. */
export async function databaseOf(adapter: PostgresAdapter, req: Partial<PayloadRequest> | undefined) {
  const transactionID = req?.transactionID ? await req.transactionID : undefined
  return (transactionID !== undefined && adapter.sessions[transactionID]?.db) || adapter.drizzle
}

/** The page's docs in last-data order, or null when Payload's own query must answer (a filter through a join). */
export async function findInOrder(
  adapter: PostgresAdapter,
  find: PostgresAdapter['find'],
  args: FindArgs,
  direction: 'asc' | 'desc',
  limit: number,
): Promise<PaginatedDocs['docs'] | null> {
  const page = Math.max(1, args.page ?? 1)
  const tableName = adapter.tableNameMap.get(args.collection) ?? args.collection
  const table = adapter.tables[tableName]
  const { joins, where } = buildQuery({
    adapter: adapter as unknown as Parameters<typeof buildQuery>[0]['adapter'], // Payload's own postgres adapter
    fields: adapter.payload.collections[args.collection].config.flattenedFields,
    locale: args.locale,
    tableName,
    where: args.where ?? {},
  })
  // A filter through another table (a relationship's field) would repeat rows: Payload's own query handles that.
  if (joins.length > 0) return null
  const db = await databaseOf(adapter, args.req)
  const { rows } = await db.execute(sql`
    select pump_activity.pump_id as id from pump_activity join ${table} on ${table.id} = pump_activity.pump_id
    ${where ? sql`where ${where}` : sql``}
    order by ${ORDER[direction]} limit ${limit} offset ${(page - 1) * limit}`)
  const ids = rows.map((row) => Number(row.id))
  if (ids.length === 0) return []
  const found = await find({ ...args, where: { id: { in: ids } }, page: 1, limit: ids.length, pagination: false })
  const position = new Map(ids.map((id, index) => [id, index]))
  return [...found.docs].sort((a, b) => (position.get(a.id as number) ?? 0) - (position.get(b.id as number) ?? 0))
}
