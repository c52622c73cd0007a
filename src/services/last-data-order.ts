// A pump list sorted by last data would sort the whole `pumps` table: `last_data_at` has no index there, so that the
// ingestion's card updates stay in place (HOT). The same order is kept in `pump_activity`'s index (equal to the card
// by triggers; migration `20261206_040000_pump_activity_sql`): for such a sort the database adapter reads the page's
// ids walking that index, under the same filter and access, then reads the page's pumps by id. Same rows, same order.
import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { buildQuery } from '@payloadcms/drizzle'
import type { DatabaseAdapterObj, FindArgs, PaginatedDocs, Sort } from 'payload'

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

/** The postgres adapter, with pump lists sorted by last data read through `pump_activity`. */
export function withLastDataOrder(db: DatabaseAdapterObj<PostgresAdapter>, collection = 'pumps') {
  return {
    ...db,
    init: (args: Parameters<typeof db.init>[0]) => {
      const adapter = db.init(args)
      const find = adapter.find.bind(adapter)
      adapter.find = (async (findArgs: FindArgs) => {
        const direction = findArgs.collection === collection ? lastDataDirection(findArgs.sort) : null
        const limit = findArgs.limit ?? 10
        if (!direction || limit <= 0 || findArgs.draftsEnabled) return find(findArgs)
        return (await findInOrder(adapter, find, findArgs, direction, limit)) ?? find(findArgs)
      }) as typeof adapter.find
      return adapter
    },
  }
}

async function findInOrder(
  adapter: PostgresAdapter,
  find: PostgresAdapter['find'],
  args: FindArgs,
  direction: 'asc' | 'desc',
  limit: number,
): Promise<PaginatedDocs | null> {
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
  const transactionID = args.req?.transactionID ? await args.req.transactionID : undefined
  const db = (transactionID !== undefined && adapter.sessions[transactionID]?.db) || adapter.drizzle
  const counting =
    args.pagination === false
      ? undefined
      : adapter.count({ collection: args.collection, locale: args.locale, req: args.req, where: args.where })
  counting?.catch(() => undefined) // awaited below; a failure of the ids' query first must not leave it unhandled
  const { rows } = await db.execute(sql`
    select pump_activity.pump_id as id from pump_activity join ${table} on ${table.id} = pump_activity.pump_id
    ${where ? sql`where ${where}` : sql``}
    order by ${ORDER[direction]} limit ${limit} offset ${(page - 1) * limit}`)
  const ids = rows.map((row) => Number(row.id))
  const found = ids.length
    ? await find({ ...args, where: { id: { in: ids } }, page: 1, limit: ids.length, pagination: false })
    : { docs: [] }
  const position = new Map(ids.map((id, index) => [id, index]))
  const docs = [...found.docs].sort((a, b) => (position.get(a.id as number) ?? 0) - (position.get(b.id as number) ?? 0))
  return paginated(docs, counting ? (await counting).totalDocs : undefined, page, args.limit ?? limit, limit)
}

/** What Payload's own find answers around a page of docs (`@payloadcms/drizzle` findMany); no total: not paginated. */
function paginated(
  docs: PaginatedDocs['docs'],
  total: number | undefined,
  page: number,
  limitArg: number,
  limit: number,
) {
  const totalDocs = total || docs.length
  const totalPages = total ? Math.ceil(total / limit) : 1
  const hasPrevPage = total ? page > 1 : false
  const hasNextPage = totalPages > page
  return {
    docs,
    hasNextPage,
    hasPrevPage,
    limit: limitArg,
    nextPage: hasNextPage ? page + 1 : null,
    page,
    pagingCounter: total ? (page - 1) * limit + 1 : 1,
    prevPage: hasPrevPage ? page - 1 : null,
    totalDocs,
    totalPages,
  }
}
