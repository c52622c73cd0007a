// The postgres adapter with the pump list's two costly reads answered from what is kept for them: a sort by last data
// from `pump_activity`'s index (last-data-order.ts), and the page's total, for the filters the counters know, from
// the kept counts (pump-counts.ts). Anything else goes to Payload's own query. Pages as Payload's own find gives them.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { CountArgs, DatabaseAdapterObj, FindArgs, PaginatedDocs } from 'payload'

import { countableFilter } from '../domain/pump-count-filter'
import { databaseOf, findInOrder, lastDataDirection } from './last-data-order'
import { countPumps } from './pump-counts'

export function withPumpReads(db: DatabaseAdapterObj<PostgresAdapter>, collection = 'pumps') {
  return {
    ...db,
    init: (args: Parameters<typeof db.init>[0]) => {
      const adapter = db.init(args)
      const find = adapter.find.bind(adapter)
      const count = adapter.count.bind(adapter)
      const total = async (args: CountArgs) => {
        const filter = countableFilter(args.where)
        if (!filter) return (await count(args)).totalDocs
        return countPumps(await databaseOf(adapter, args.req), filter)
      }
      adapter.count = (async (args: CountArgs) =>
        args.collection === collection ? { totalDocs: await total(args) } : count(args)) as typeof adapter.count
      adapter.find = (async (args: FindArgs) => {
        const limit = args.limit ?? 10
        // The admin's list asks with `draft: true` whether or not the collection has drafts; pumps have none.
        const drafts = args.draftsEnabled && adapter.payload.collections[args.collection]?.config.versions?.drafts
        if (args.collection !== collection || limit <= 0 || drafts) return find(args)
        const direction = lastDataDirection(args.sort)
        if (!direction && (args.pagination === false || !countableFilter(args.where))) return find(args)
        const counting = args.pagination === false ? undefined : total(args)
        counting?.catch(() => undefined) // awaited below; a failure of the page's read first must not leave it unhandled
        const docs = direction
          ? await findInOrder(adapter, find, args, direction, limit)
          : (await find({ ...args, pagination: false })).docs
        if (!docs) return find(args)
        const page = Math.max(1, args.page ?? 1)
        return paginated(
          docs,
          consistent(adapter, docs.length, counting && (await counting), page, limit),
          page,
          args.limit,
          limit,
        )
      }) as typeof adapter.find
      return adapter
    },
  }
}

/**
 * The total, unless the page contradicts it: a page shorter than the limit is the last one, so the total is what the
 * pages hold. A total from the kept counts that says otherwise is corrected (and logged), so that a client paging
 * until `hasNextPage` is false always ends.
 */
function consistent(adapter: PostgresAdapter, rows: number, total: number | undefined, page: number, limit: number) {
  const seen = (page - 1) * limit + rows
  if (total === undefined || !((rows < limit && total > seen) || (rows > 0 && total < seen))) return total
  adapter.payload.logger.warn(`[fleet] a pump list's total (${total}) disagrees with its page: ${seen} rows`)
  return seen
}

/** What Payload's own find answers around a page of docs (`@payloadcms/drizzle` findMany); no total: not paginated. */
function paginated(
  docs: PaginatedDocs['docs'],
  total: number | undefined,
  page: number,
  limitArg: number | undefined,
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
  } as PaginatedDocs
}
