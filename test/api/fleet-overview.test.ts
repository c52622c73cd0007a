// The dashboard's figures (issue 14) equal counts computed directly in SQL, for staff (the whole fleet) and for a
// partner (its own pumps only); the list behind each figure's link lists exactly as many pumps; the cache is
// recounted once a minute has passed.
import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { filterQuery } from '../../src/domain/fleet'
import { PUMP_FLOW_CONTEXT_KEY } from '../../src/domain/flow'
import {
  fleetOverview,
  forgetOverviews,
  keepFleetCounts,
  MAX_AGE_MS,
  type FleetOverview,
} from '../../src/services/fleet-overview'
import { localUser, unique } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

const DAY = 24 * 60 * 60 * 1000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

async function query(statement: ReturnType<typeof sql>) {
  return (payload.db as unknown as PostgresAdapter).drizzle.execute(statement)
}

async function pump(partner: number, status: string, card: Record<string, unknown>, live: string) {
  const created = await payload.create({
    collection: 'pumps',
    context: { [PUMP_FLOW_CONTEXT_KEY]: 'seed' },
    data: { serial: unique('FO'), model: world.model.id, responsiblePartner: partner, status, ...card } as never,
  })
  await query(sql.raw(`update pumps set ${live} where id = ${created.id}`))
  return created.id
}

/** The same questions asked of the tables directly, optionally for one partner. */
async function direct(partner: number | null) {
  const own = partner === null ? 'true' : `responsible_partner_id = ${partner}`
  const ownEvents = partner === null ? 'true' : `pump_partner_id = ${partner}`
  const one = async (where: string, table = 'pumps') =>
    Number(
      (
        await query(
          sql.raw(
            `select count(*) as n from ${table} where ${own === 'true' || table !== 'pumps' ? '' : `${own} and `}${where}`,
          ),
        )
      ).rows[0].n,
    )
  return {
    'status:in_operation': await one(`status = 'in_operation'`),
    'status:shipped': await one(`status = 'shipped'`),
    'status:released': await one(`status = 'released'`),
    'status:created': await one(`status = 'created'`),
    online: await one('online = true'),
    offline: await one('online = false'),
    silent: await one(
      `status = 'in_operation' and (last_data_at is null or last_data_at < now() - interval '24 hours')`,
    ),
    alarms: await one(`jsonb_typeof(active_alarms) = 'array' and jsonb_array_length(active_alarms) > 0`),
    neverConnected: await one(
      `last_connected_at is null and ((status = 'released' and release_date < now() - interval '30 days') or (status = 'shipped' and shipment_date < now() - interval '30 days'))`,
    ),
    partner_claim: await one(
      `${ownEvents} and source = 'partner_claim' and at >= now() - interval '7 days'`,
      'pump_events',
    ),
    owner_app: await one(`${ownEvents} and source = 'owner_app' and at >= now() - interval '7 days'`, 'pump_events'),
  }
}

function figures(overview: FleetOverview) {
  const all = [...overview.statuses, ...overview.health, ...overview.registrations]
  return Object.fromEntries(all.map((figure) => [figure.key, figure.count]))
}

describe('the fleet overview', () => {
  beforeAll(async () => {
    const A = world.partnerA.id
    const B = world.partnerB.id
    const alarm = `'[{"code":"E1","text":"High pressure","since":null}]'::jsonb`
    const a1 = await pump(
      A,
      'in_operation',
      {},
      `online = true, last_data_at = now() - interval '1 hour', active_alarms = ${alarm}`,
    )
    await pump(A, 'in_operation', {}, `online = false, last_data_at = now() - interval '3 days'`)
    await pump(A, 'shipped', { shipmentDate: ago(40 * DAY) }, 'online = false')
    await pump(A, 'released', { releaseDate: ago(10 * DAY) }, 'online = false')
    await pump(B, 'shipped', { shipmentDate: ago(45 * DAY) }, `online = false, active_alarms = ${alarm}`)
    await pump(B, 'in_operation', {}, 'online = true, last_data_at = now()')
    const event = { kind: 'partner', actor: 'user', at: new Date().toISOString() } as const
    await payload.create({ collection: 'pumpEvents', data: { ...event, pump: a1, source: 'partner_claim' } })
    await payload.create({ collection: 'pumpEvents', data: { ...event, pump: a1, source: 'owner_app', kind: 'owner' } })
    forgetOverviews()
  })

  it('gives staff the whole fleet, equal to the counts in SQL', async () => {
    const overview = (await fleetOverview(payload, localUser(world, 'service') as never))!
    expect(figures(overview)).toMatchObject(await direct(null))
    expect(figures(overview).alarms).toBeGreaterThanOrEqual(2)
  })

  it('gives a partner its own pumps only, equal to the counts in SQL', async () => {
    const A = world.partnerA.id
    const overview = (await fleetOverview(payload, localUser(world, 'partner') as never))!
    const expected = await direct(world.partnerA.id)
    expect(figures(overview)).toMatchObject(expected)
    // The world's own pump of A is in operation and has never sent data: silent too.
    expect(expected).toMatchObject({
      alarms: 1,
      silent: 2,
      neverConnected: 1,
      online: 1,
      partner_claim: 1,
      owner_app: 1,
    })
    expect(overview.latest.every((change) => change.serial.length > 0)).toBe(true)
    // The newest 8 of the partner's status events, newest first (no count of them all).
    const statusEvents = Number(
      (await query(sql.raw(`select count(*) as n from pump_events where kind = 'status' and pump_partner_id = ${A}`)))
        .rows[0].n,
    )
    expect(overview.latest.length).toBe(Math.min(8, statusEvents))
    const times = overview.latest.map((change) => Date.parse(change.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('has no figures for owners', async () => {
    expect(await fleetOverview(payload, localUser(world, 'owner') as never)).toBeNull()
  })

  it.each(['service', 'partner'] as const)(
    'links each figure of %s to a list of exactly that many pumps',
    async (role) => {
      const overview = (await fleetOverview(payload, localUser(world, role) as never))!
      for (const figure of [...overview.statuses, ...overview.health]) {
        const listed = await rest('GET', `/pumps?limit=1&depth=0&${filterQuery(figure.filter)}`, {
          token: world.tokens[role],
        })
        expect({ key: figure.key, status: listed.status, total: listed.body.totalDocs }).toEqual({
          key: figure.key,
          status: 200,
          total: figure.count,
        })
      }
      for (const registration of overview.registrations)
        expect(registration.pumps.length).toBe(Math.min(registration.count, 200))
    },
  )

  it('serves the cached figures within a minute and recounts after it', async () => {
    const user = localUser(world, 'partner') as never
    const before = figures((await fleetOverview(payload, user))!)
    await pump(world.partnerA.id, 'in_operation', {}, 'online = true, last_data_at = now()')
    expect(figures((await fleetOverview(payload, user))!)).toEqual(before)
    const later = figures((await fleetOverview(payload, user, Date.now() + MAX_AGE_MS + 1))!)
    expect(later.online).toBe(before.online + 1)
    expect(later['status:in_operation']).toBe(before['status:in_operation'] + 1)
  })

  it('keeps the counts fresh in the background: a change shows within the interval, equal to SQL, no view counting', async () => {
    forgetOverviews()
    const stop = keepFleetCounts(payload, 300)
    try {
      const user = localUser(world, 'partner') as never
      const first = (await fleetOverview(payload, user))!
      await pump(world.partnerA.id, 'in_operation', {}, 'online = true, last_data_at = now()')
      const changed = Date.now()
      let seen = first
      while (seen.at === first.at || Date.parse(seen.at) < changed) {
        expect(Date.now() - changed).toBeLessThan(5_000)
        await new Promise((resolve) => setTimeout(resolve, 100))
        seen = (await fleetOverview(payload, user))!
        // Served from the kept counts: never older than the interval and one count, far inside the minute.
        expect(Date.now() - Date.parse(seen.at)).toBeLessThan(3_000)
      }
      expect(figures(seen).online).toBe(figures(first).online + 1)
      expect(figures(seen)).toMatchObject(await direct(world.partnerA.id))
      expect(figures((await fleetOverview(payload, localUser(world, 'service') as never))!)).toMatchObject(
        await direct(null),
      )
    } finally {
      stop()
    }
  })
})
