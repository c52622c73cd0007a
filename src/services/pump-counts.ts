// The pump counts a list page shows (its `totalDocs`), for the filters the kept counters know (src/domain/
// pump-count-filter.ts): one statement sums `pump_counts` and the changes not folded yet, so it is exact at its
// snapshot, as `count(*)` is, without reading the pumps. A timer in each server and worker folds the changes into the
// counters (migration `20261206_050000_pump_counts_sql`).
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { CountableFilter } from '../domain/pump-count-filter'
import { repeatWhileOpen } from './periodic'

type Database = Pick<PostgresAdapter['drizzle'], 'execute'>

function matching(filter: CountableFilter) {
  const parts = [sql`true`]
  if ('partner' in filter) parts.push(sql`partner_id is not distinct from ${filter.partner ?? null}::integer`)
  if (filter.status !== undefined) parts.push(sql`status = ${filter.status}::enum_pumps_status`)
  if (filter.online !== undefined) parts.push(sql`online is not distinct from ${filter.online}::boolean`)
  return sql.join(parts, sql` and `)
}

/** The number of pumps matching the filter, as of this statement's snapshot. */
export async function countPumps(db: Database, filter: CountableFilter): Promise<number> {
  const where = matching(filter)
  const { rows } = await db.execute(sql`
    select (select coalesce(sum(n), 0) from pump_counts where ${where})
      + (select coalesce(sum(n), 0) from pump_count_changes where ${where}) as n`)
  return Number((rows[0] as { n: string | number }).n)
}

/** Moves the changes written so far into the counters; the changes written meanwhile wait for the next fold. */
export async function foldPumpCounts(db: Database): Promise<number> {
  const { rows } = await db.execute(sql`
    with moved as (delete from pump_count_changes returning partner_id, status, online, n),
      sums as (select partner_id, status, online, sum(n) as n, count(*) as changes from moved group by 1, 2, 3),
      folded as (
        insert into pump_counts (partner_id, status, online, n) select partner_id, status, online, n from sums
        on conflict (partner_id, status, online) do update set n = pump_counts.n + excluded.n
      )
    select coalesce(sum(changes), 0)::int as changes from sums`)
  return (rows[0] as { changes: number }).changes
}

const started = new WeakSet<Payload>()

/** Folds every `seconds` (and at start) until the Payload instance closes; a failure waits for the next turn. */
export function keepPumpCountsFolded(payload: Payload, seconds = 10): void {
  if (started.has(payload)) return
  started.add(payload)
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  repeatWhileOpen(payload, '[fleet] folding the pump counts', seconds * 1000, () => foldPumpCounts(db))
}
