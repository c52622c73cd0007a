// A pump list's total comes from the kept counters for the filters they know (src/services/pump-counts.ts): always
// equal to counting the pumps themselves, for staff and through a partner's access, as pumps are created, change
// status, partner or connectivity, and are deleted; before and after the changes are folded into the counters.
import { sql } from '@payloadcms/db-postgres'

import { importStatus } from '../../src/services/lifecycle'
import { foldPumpCounts } from '../../src/services/pump-counts'
import { rest } from '../support/payload'
import { localUser, unique } from '../support/fixtures'
import { payload, useWorld, world } from '../support/world-suite'
import { drizzle, query } from './telemetry-support'

useWorld()

type Check = { token: () => string | undefined; where: string | (() => string); truth: () => ReturnType<typeof sql> }

const checks: Check[] = [
  { token: () => world.tokens.admin, where: '', truth: () => sql`true` },
  { token: () => world.tokens.service, where: 'where[status][equals]=produced', truth: () => sql`status = 'produced'` },
  {
    token: () => world.tokens.admin,
    where: 'where[status][equals]=in_operation&where[online][equals]=false',
    truth: () => sql`status = 'in_operation' and online = false`,
  },
  {
    token: () => world.tokens.admin,
    where: `where[or][0][and][0][online][equals]=true`,
    truth: () => sql`online = true`,
  },
  {
    token: () => world.tokens.partner,
    where: '',
    truth: () => sql`responsible_partner_id = ${world.partnerA.id}`,
  },
  {
    token: () => world.tokens.partner,
    where: 'where[status][equals]=produced',
    truth: () => sql`responsible_partner_id = ${world.partnerA.id} and status = 'produced'`,
  },
  // Not a filter the counters know (the owner's access, a substring): counted by the database, the same totals.
  { token: () => world.tokens.owner, where: '', truth: () => sql`owner_id = ${world.ownerX.id}` },
  {
    token: () => world.tokens.admin,
    where: () => `where[serial][like]=${world.tag}`,
    truth: () => sql`serial ilike ${`%${world.tag}%`}`,
  },
]

async function expectTotalsRight() {
  for (const check of checks) {
    const where = typeof check.where === 'function' ? check.where() : check.where
    const [{ n }] = await query<{ n: number }>(
      payload,
      sql`select count(*)::int as n from pumps where ${check.truth()}`,
    )
    const list = await rest('GET', `/pumps?limit=2&depth=0&${where}`, { token: check.token() })
    expect({ where, status: list.status, total: list.body.totalDocs }).toEqual({
      where,
      status: 200,
      total: n,
    })
    expect(list.body.totalPages).toBe(Math.max(1, Math.ceil(n / 2)))
    expect(list.body.hasNextPage).toBe(n > 2)
    const counted = await rest('GET', `/pumps/count?${where}`, { token: check.token() })
    expect(counted.body.totalDocs).toBe(n)
  }
}

async function pump(partner: number | null) {
  const created = await payload.create({
    collection: 'pumps',
    data: { serial: unique('PC'), model: world.model.id, responsiblePartner: partner } as never,
  })
  return created.id
}

describe("a pump list's total from the kept counters", () => {
  it('equals counting the pumps, for each reader and filter, as pumps change', async () => {
    await expectTotalsRight()
    const a = await pump(world.partnerA.id)
    const b = await pump(world.partnerB.id)
    await importStatus(payload, a, 'produced')
    await importStatus(payload, b, 'produced')
    await expectTotalsRight()
    await query(payload, sql`update pumps set online = true where id = ${a}`) // as the ingestion writes the card
    const moved = await rest('PATCH', `/pumps/${b}`, {
      token: world.tokens.admin,
      body: { responsiblePartner: world.partnerA.id },
    })
    expect(moved.status).toBe(200)
    await expectTotalsRight()
    expect((await rest('DELETE', `/pumps/${a}`, { token: world.tokens.admin })).status).toBe(200)
    await expectTotalsRight()
  })

  it('folds the changes into the counters without changing a total', async () => {
    await pump(world.partnerB.id)
    const [{ n: waiting }] = await query<{ n: number }>(payload, sql`select count(*)::int as n from pump_count_changes`)
    expect(waiting).toBeGreaterThan(0)
    expect(await foldPumpCounts(drizzle(payload) as never)).toBe(waiting)
    expect(await query(payload, sql`select * from pump_count_changes`)).toEqual([])
    await expectTotalsRight()
  })

  it('reads the counters, not the pumps', async () => {
    const offset = (value: number) =>
      query(
        payload,
        sql`insert into pump_count_changes values (${world.partnerA.id}, 'in_operation', false, ${value}),
          (${world.partnerA.id}, 'produced', false, ${value})`,
      )
    const total = async (token: string | undefined, where: string) =>
      (await rest('GET', `/pumps?limit=1&${where}`, { token })).body.totalDocs as number
    const before = {
      partner: await total(world.tokens.partner, 'where[status][equals]=produced'),
      staff: await total(world.tokens.admin, 'where[status][equals]=in_operation&where[online][equals]=false'),
    }
    await offset(1000)
    expect(await total(world.tokens.partner, 'where[status][equals]=produced')).toBe(before.partner + 1000)
    expect(await total(world.tokens.admin, 'where[status][equals]=in_operation&where[online][equals]=false')).toBe(
      before.staff + 1000,
    )
    // A page shorter than its limit is the last: counts that contradict it are corrected, so paging always ends.
    const whole = await rest('GET', '/pumps?limit=100&where[status][equals]=produced', { token: world.tokens.partner })
    expect(whole.body).toMatchObject({ hasNextPage: false, totalDocs: whole.body.docs.length, totalPages: 1 })
    // The admin's list view asks through the Local API with `draft: true` (pumps have no drafts).
    const asTheListView = await payload.find({
      collection: 'pumps',
      draft: true,
      limit: 1,
      overrideAccess: false,
      user: localUser(world, 'partner'),
      where: { status: { equals: 'produced' } },
    })
    expect(asTheListView.totalDocs).toBe(before.partner + 1000)
    await offset(-1000)
    await expectTotalsRight()
  })
})
