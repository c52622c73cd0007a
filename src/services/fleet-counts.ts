// The dashboard's counts for every scope at once (staff, and each partner): one grouped scan of the pumps and one
// index range over the week's registrations, recounted in the background, so a page view counts nothing.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { DAY_MS, NEVER_CONNECTED_AFTER_MS, SILENT_AFTER_MS } from '../domain/fleet'

export type Registered = { count: number; pumps: number[] }
export type ScopeCounts = {
  /** By the figure's key (`status:in_operation`, `online`, `silent`, …, as in src/domain/fleet.ts). */
  figures: Record<string, number>
  registered: { partner_claim: Registered; owner_app: Registered }
}
export type FleetCounts = {
  /** When the counting started: the figures are at least this fresh. */
  at: number
  /** 'staff', and 'partner:<id>' for each partner holding pumps or with registrations this week. */
  scopes: Map<string, ScopeCounts>
}

/** The newest registrations a figure's link lists, per scope and source. */
export const REGISTERED_PUMPS_LISTED = 200
export const REGISTRATION_SOURCES = ['partner_claim', 'owner_app'] as const

type Rows = { rows: Record<string, unknown>[] }
type Execute = { execute: (query: unknown) => Promise<Rows> }

export const emptyCounts = (): ScopeCounts => ({
  figures: {},
  registered: { partner_claim: { count: 0, pumps: [] }, owner_app: { count: 0, pumps: [] } },
})

function scopeOf(scopes: Map<string, ScopeCounts>, key: string): ScopeCounts {
  let scope = scopes.get(key)
  if (!scope) scopes.set(key, (scope = emptyCounts()))
  return scope
}

const add = (figures: Record<string, number>, key: string, n: number) => (figures[key] = (figures[key] ?? 0) + n)

/**
 * The pumps' figures, grouped by partner and status. The same questions as the list filters of src/domain/fleet.ts
 * (test/api/fleet-overview.test.ts holds each figure equal to its filter's list total and to a direct count):
 * online/offline are `online = true/false`; silent is in operation with no data for 24 h (or never); alarms are
 * `active_alarm_count > 0`; never connected is released (or shipped) longer than 30 days ago by its date and no
 * connection ever.
 */
async function countPumps(db: Execute, now: number, scopes: Map<string, ScopeCounts>): Promise<void> {
  const silentSince = new Date(now - SILENT_AFTER_MS).toISOString()
  const awaitingSince = new Date(now - NEVER_CONNECTED_AFTER_MS).toISOString()
  const { rows } = await db.execute(sql`
    select responsible_partner_id as partner, status::text as status, count(*)::int as pumps,
      count(*) filter (where online = true)::int as online,
      count(*) filter (where online = false)::int as offline,
      count(*) filter (where status = 'in_operation'
        and (last_data_at is null or last_data_at < ${silentSince}::timestamptz))::int as silent,
      count(*) filter (where active_alarm_count > 0)::int as alarms,
      count(*) filter (where last_connected_at is null and (
        (status = 'released' and release_date < ${awaitingSince}::timestamptz)
        or (status = 'shipped' and shipment_date < ${awaitingSince}::timestamptz)))::int as "neverConnected"
    from pumps group by 1, 2`)
  for (const row of rows) {
    const targets = [scopeOf(scopes, 'staff')]
    if (row.partner !== null) targets.push(scopeOf(scopes, `partner:${String(row.partner)}`))
    for (const { figures } of targets) {
      if (row.status !== null) add(figures, `status:${String(row.status)}`, Number(row.pumps))
      for (const key of ['online', 'offline', 'silent', 'alarms', 'neverConnected']) add(figures, key, Number(row[key]))
    }
  }
}

/** The week's registrations by partners and by owners: the count and the newest pumps, per scope (the reader's
 * history access: staff every event, a partner those of the pumps it holds, `pump_partner_id`). */
async function countRegistrations(db: Execute, now: number, scopes: Map<string, ScopeCounts>): Promise<void> {
  const since = new Date(now - 7 * DAY_MS).toISOString()
  const { rows } = await db.execute(sql`
    select pump_partner_id as partner, source::text as source, pump_id as pump, at, n::int as n, staff_rank::int as "staffRank",
      partner_rank::int as "partnerRank"
    from (select pump_partner_id, source, pump_id, at,
        count(*) over (partition by pump_partner_id, source) as n,
        row_number() over (partition by source order by at desc, created_at desc) as staff_rank,
        row_number() over (partition by pump_partner_id, source order by at desc, created_at desc) as partner_rank
      from pump_events
      where at >= ${since}::timestamptz and source in ('partner_claim', 'owner_app')) e
    where staff_rank <= ${REGISTERED_PUMPS_LISTED} or partner_rank <= ${REGISTERED_PUMPS_LISTED}
    order by at desc`)
  const counted = new Set<string>()
  for (const row of rows) {
    const source = row.source as (typeof REGISTRATION_SOURCES)[number]
    const partner = row.partner === null ? null : `partner:${String(row.partner)}`
    const group = `${partner}/${source}`
    if (!counted.has(group)) {
      counted.add(group)
      scopeOf(scopes, 'staff').registered[source].count += Number(row.n)
      if (partner) scopeOf(scopes, partner).registered[source].count += Number(row.n)
    }
    if (Number(row.staffRank) <= REGISTERED_PUMPS_LISTED)
      scopeOf(scopes, 'staff').registered[source].pumps.push(Number(row.pump))
    if (partner && Number(row.partnerRank) <= REGISTERED_PUMPS_LISTED)
      scopeOf(scopes, partner).registered[source].pumps.push(Number(row.pump))
  }
}

/** Every scope's figures as of now: two statements, whatever the number of partners. */
export async function countFleet(payload: Payload): Promise<FleetCounts> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle as unknown as Execute
  const at = Date.now()
  const scopes = new Map<string, ScopeCounts>([['staff', emptyCounts()]])
  await countPumps(db, at, scopes)
  await countRegistrations(db, at, scopes)
  return { at, scopes }
}
