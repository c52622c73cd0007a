// A pump list sorted by last data reads its page through pump_activity (src/services/last-data-order.ts): the same
// rows in the same order as sorting the cards themselves, pages and totals as Payload's own, through each reader's
// access; and pump_activity follows every card: a new pump, a card the ingestion updates, a deleted pump.
import { sql } from '@payloadcms/db-postgres'

import { rest } from '../support/payload'
import { localUser, unique } from '../support/fixtures'
import { payload, useWorld, world } from '../support/world-suite'
import { query } from './telemetry-support'

useWorld()

const tag = unique('LD')
const minutesAgo = (minutes: number | null) => (minutes === null ? null : new Date(Date.now() - minutes * 60_000))
let pumps: number[] = []

/** A card's last data written as the ingestion writes it: an UPDATE of the pumps row. */
async function setLastData(pump: number, at: Date | null) {
  await query(payload, sql`update pumps set last_data_at = ${at?.toISOString() ?? null} where id = ${pump}`)
}

/** The order sorting the cards themselves gives (PostgreSQL's: a descending sort puts pumps without data first). */
async function truth(direction: 'asc' | 'desc', partner?: number) {
  const order =
    direction === 'desc'
      ? sql`last_data_at desc, created_at desc, id desc`
      : sql`last_data_at asc, created_at desc, id desc`
  const rows = await query<{ id: number }>(
    payload,
    sql`select id from pumps where serial ilike ${`%${tag}%`} ${partner ? sql`and responsible_partner_id = ${partner}` : sql``}
      order by ${order}`,
  )
  return rows.map((row) => row.id)
}

async function page(token: string | undefined, sort: string, number: number, extra = '') {
  const response = await rest(
    'GET',
    `/pumps?where[serial][like]=${tag}&sort=${sort}&limit=3&page=${number}&depth=0${extra}`,
    {
      token,
    },
  )
  expect(response.status).toBe(200)
  return response.body as { docs: { id: number; lastDataAt?: string | null }[] } & Record<string, unknown>
}

async function listed(token: string | undefined, sort: string) {
  const ids: number[] = []
  for (let number = 1; number <= 4; number += 1)
    ids.push(...(await page(token, sort, number)).docs.map((doc) => doc.id))
  return ids
}

const meta = ({ docs, ...rest }: Record<string, unknown>) => ({ ...rest, ids: (docs as { id: number }[]).length })

beforeAll(async () => {
  const spread: [number | null, number | null][] = [
    [world.partnerA.id, 5],
    [world.partnerA.id, null],
    [world.partnerB.id, 1],
    [world.partnerA.id, 30],
    [world.partnerB.id, 5],
    [world.partnerA.id, 2],
    [null, null],
  ]
  const at = new Map<number | null, Date | null>([null, 1, 2, 5, 30].map((m) => [m, minutesAgo(m)]))
  for (const [index, [partner, minutes]] of spread.entries()) {
    const pump = await payload.create({
      collection: 'pumps',
      data: { serial: `${tag}-${index}`, model: world.model.id, responsiblePartner: partner } as never,
    })
    await setLastData(pump.id, at.get(minutes) ?? null)
    pumps.push(pump.id)
  }
})

describe('a pump list sorted by last data', () => {
  it('gives staff the rows and order of the cards sorted themselves, newest first and oldest first', async () => {
    expect(await listed(world.tokens.admin, '-lastDataAt')).toEqual(await truth('desc'))
    expect(await listed(world.tokens.service, 'lastDataAt')).toEqual(await truth('asc'))
    expect(await listed(world.tokens.admin, '-lastDataAt,-createdAt')).toEqual(await truth('desc'))
  })

  it('gives a partner its own pumps only, in the same order', async () => {
    const own = await listed(world.tokens.partner, '-lastDataAt')
    expect(own).toEqual(await truth('desc', world.partnerA.id))
    expect(own).toHaveLength(4)
    expect((await rest('GET', '/pumps?sort=-lastDataAt', { token: world.tokens.owner })).body.docs).toHaveLength(
      (await rest('GET', '/pumps', { token: world.tokens.owner })).body.docs.length,
    )
  })

  it("pages and counts as Payload's own sort does", async () => {
    // `-lastDataAt,-id` is sorted by Payload itself (the index serves a sort by last data alone).
    for (const number of [1, 2, 3, 4]) {
      expect(meta(await page(world.tokens.admin, '-lastDataAt', number))).toEqual(
        meta(await page(world.tokens.admin, '-lastDataAt,-id', number)),
      )
    }
    const first = await page(world.tokens.admin, '-lastDataAt', 1)
    expect(first).toMatchObject({
      totalDocs: 7,
      totalPages: 3,
      page: 1,
      hasNextPage: true,
      nextPage: 2,
      pagingCounter: 1,
    })
    expect(meta(await page(world.tokens.admin, '-lastDataAt', 2, '&pagination=false'))).toEqual(
      meta(await page(world.tokens.admin, '-lastDataAt,-id', 2, '&pagination=false')),
    )
    const none = await rest('GET', `/pumps?where[serial][like]=${tag}-none&sort=-lastDataAt`, {
      token: world.tokens.admin,
    })
    expect(meta(none.body)).toEqual(
      meta(
        (
          await rest('GET', `/pumps?where[serial][like]=${tag}-none&sort=-lastDataAt,-id`, {
            token: world.tokens.admin,
          })
        ).body,
      ),
    )
  })

  it("reads the order from pump_activity's index, not from a sort of the cards", async () => {
    const later = new Date(Date.now() + 86_400_000).toISOString()
    await query(payload, sql`update pump_activity set last_data_at = ${later} where pump_id = ${pumps[3]}`)
    // Pumps without data come first in a descending sort; then the one whose copy was moved a day ahead.
    expect((await page(world.tokens.admin, '-lastDataAt', 1)).docs.map((doc) => doc.id)).toEqual([
      pumps[6],
      pumps[1],
      pumps[3],
    ])
    expect((await listed(world.tokens.admin, '-lastDataAt,-id')).at(-1)).toBe(pumps[3])
    // The admin's list view asks through the Local API with `draft: true` (pumps have no drafts).
    const asTheListView = await payload.find({
      collection: 'pumps',
      draft: true,
      depth: 0,
      limit: 3,
      overrideAccess: false,
      user: localUser(world, 'admin'),
      sort: '-lastDataAt',
      where: { serial: { like: tag } },
    })
    expect(asTheListView.docs.map((doc) => doc.id)).toEqual([pumps[6], pumps[1], pumps[3]])
    expect(asTheListView.totalDocs).toBe(7)
    await query(
      payload,
      sql`update pump_activity a set last_data_at = p.last_data_at from pumps p where p.id = a.pump_id and p.id = ${pumps[3]}`,
    )
  })

  it('follows the cards: new data, a new pump, a deleted pump', async () => {
    await setLastData(pumps[3], new Date())
    expect((await page(world.tokens.admin, '-lastDataAt', 1)).docs.map((doc) => doc.id)[2]).toBe(pumps[3])
    const created = await payload.create({
      collection: 'pumps',
      data: { serial: `${tag}-new`, model: world.model.id, responsiblePartner: world.partnerA.id } as never,
    })
    expect((await rest('DELETE', `/pumps/${pumps[1]}`, { token: world.tokens.admin })).status).toBe(200)
    pumps = pumps.filter((id) => id !== pumps[1])
    expect(await listed(world.tokens.admin, '-lastDataAt')).toEqual(await truth('desc'))
    expect(await listed(world.tokens.admin, '-lastDataAt')).toContain(created.id)
    const kept = await query(
      payload,
      sql`select count(*)::int as n from pumps p join pump_activity a on a.pump_id = p.id
        where a.last_data_at is not distinct from p.last_data_at and a.created_at = p.created_at`,
    )
    const all = await query(
      payload,
      sql`select (select count(*) from pumps)::int as pumps, (select count(*) from pump_activity)::int as activity`,
    )
    expect(kept[0].n).toBe(all[0].pumps)
    expect(all[0].activity).toBe(all[0].pumps)
  })
})
