// Issue 9, findings 5, 13 (Payload's part), 18 and 21: bounded reads on every collection through REST and GraphQL,
// well-formed ids on every route that takes one, login cookies only from our own origins, no GraphQL hints.
import type { Payload } from 'payload'

import { createWorld, type World } from '../support/fixtures'
import { closePayload, gql, rest, startPayload } from '../support/payload'

let payload: Payload
let world: World

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
}, 300_000)
afterAll(async () => {
  await closePayload(payload)
})

const COLLECTIONS = [
  'pumps',
  'pumpEvents',
  'alarms',
  'notifications',
  'devices',
  'partners',
  'buyers',
  'users',
  'models',
  'manuals',
  'countries',
  'regions',
  'objectTypes',
  'feedback',
  'registrationAttempts',
  'phoneCodes',
] as const

const admin = () => ({ token: world.tokens.admin })
const message = (body: any) => String(body?.errors?.[0]?.message ?? '')

describe('finding 5: every REST read is bounded', () => {
  it.each(COLLECTIONS)(
    '%s: limit=0, limit=100000 and pagination=false get a page of 200; limit=abc is a 400',
    async (slug) => {
      for (const query of ['limit=-1', 'limit=abc', 'page=0']) {
        const response = await rest('GET', `/${slug}?${query}`, admin())
        expect({ query, status: response.status }).toEqual({ query, status: 400 })
      }
      // phoneCodes are read by nobody through the API: the limit is checked before access is even asked.
      if (slug === 'phoneCodes') return
      for (const query of ['limit=0', 'limit=100000', 'pagination=false', 'limit=0&pagination=false']) {
        const response = await rest('GET', `/${slug}?${query}`, admin())
        expect({ query, status: response.status, limit: response.body.limit }).toEqual({
          query,
          status: 200,
          limit: 200,
        })
        expect(response.body.docs.length).toBeLessThanOrEqual(200)
      }
    },
  )

  it('a collection of more than 200 documents is served in pages of 200, however asked', async () => {
    await Promise.all(
      Array.from({ length: 205 }, (_, i) =>
        payload.create({ collection: 'objectTypes', data: { code: `bulk-${i}-${Date.now()}`, name: `Bulk ${i}` } }),
      ),
    )
    for (const query of ['limit=0', 'limit=100000', 'pagination=false']) {
      const response = await rest('GET', `/objectTypes?${query}`, admin())
      expect({ query, docs: response.body.docs.length, next: response.body.hasNextPage }).toEqual({
        query,
        docs: 200,
        next: true,
      })
      expect(response.body.totalDocs).toBeGreaterThan(205)
    }
  })

  it('says what is wrong in Russian to a Russian caller', async () => {
    const response = await rest('GET', '/pumps?limit=abc', { ...admin(), language: 'ru' })
    expect(response.status).toBe(400)
    expect(message(response.body)).toBe('limit должен быть целым числом (на странице не более 200)')
  })

  it("bounds a join field: joins[history][limit]=0 gives 200 of a pump's 205 events", async () => {
    const id = world.pumps.ofB.id
    await Promise.all(
      Array.from({ length: 205 }, () =>
        payload.create({
          collection: 'pumpEvents',
          data: {
            pump: id,
            kind: 'status',
            at: new Date().toISOString(),
            from: 'created',
            to: 'produced',
            actor: 'system',
            source: 'import',
          } as never,
        }),
      ),
    )
    for (const path of [`/pumps/${id}?joins[history][limit]=0`, `/pumps/${id}?joins[history][limit]=1000`]) {
      const response = await rest('GET', path, admin())
      expect({ path, status: response.status, events: response.body.history?.docs?.length }).toEqual({
        path,
        status: 200,
        events: 200,
      })
    }
    expect((await rest('GET', `/pumps/${id}?joins[history][limit]=5`, admin())).body.history.docs).toHaveLength(5)
  })

  it('bounds depth: depth=100 is refused, depth=3 is served', async () => {
    for (const path of ['/pumps?depth=100', `/pumps/${world.pumps.ofA.id}?depth=100`, '/pumpEvents?depth=4']) {
      const response = await rest('GET', path, admin())
      expect({ path, status: response.status }).toEqual({ path, status: 400 })
      expect(message(response.body)).toBe('depth must be a whole number between 0 and 3')
    }
    expect((await rest('GET', '/pumps?depth=3', admin())).status).toBe(200)
    expect(payload.config.maxDepth).toBe(3)
  })

  it("applies to a partner's reads too", async () => {
    const response = await rest('GET', '/pumps?limit=0', { token: world.tokens.partner })
    expect(response.status).toBe(200)
    expect(response.body.limit).toBe(200)
  })

  it('the admin list view never offers more per page than the cap', () => {
    for (const collection of payload.config.collections) {
      const limits = collection.admin?.pagination?.limits ?? []
      expect({ slug: collection.slug, over: limits.filter((limit) => limit > 200) }).toEqual({
        slug: collection.slug,
        over: [],
      })
      expect(collection.admin?.pagination?.defaultLimit ?? 10).toBeLessThanOrEqual(200)
    }
  })
})

describe('finding 5: every GraphQL list is bounded', () => {
  const errorsOf = (body: any) => (body?.errors ?? []).map((error: { message: string }) => error.message)

  it.each([
    ['a literal 0', '{ Pumps(limit: 0) { limit docs { id } } }', {}],
    ['a literal 100000', '{ Pumps(limit: 100000) { limit docs { id } } }', {}],
    ['a variable 0', 'query ($l: Int) { Pumps(limit: $l) { limit docs { id } } }', { l: 0 }],
    ['a default of 0', 'query ($l: Int = 0) { Pumps(limit: $l) { limit docs { id } } }', {}],
    ['pagination: false', '{ Pumps(pagination: false) { limit docs { id } } }', {}],
  ])('cuts %s to a page of 200', async (_case, query, variables) => {
    const response = await gql(query, { ...admin(), variables })
    expect(response.body.errors).toBeUndefined()
    expect(response.body.data.Pumps.limit).toBe(200)
  })

  it('serves 200 of more than 200 documents and 200 of a join, however asked', async () => {
    const types = await gql('{ ObjectTypes(limit: 0) { docs { id } hasNextPage } }', admin())
    expect(types.body.data.ObjectTypes.docs).toHaveLength(200)
    expect(types.body.data.ObjectTypes.hasNextPage).toBe(true)
    const join = await gql(`{ Pump(id: ${world.pumps.ofB.id}) { history(limit: 0) { docs { id } } } }`, admin())
    expect(join.body.errors).toBeUndefined()
    expect(join.body.data.Pump.history.docs).toHaveLength(200)
  })

  it('refuses a negative limit', async () => {
    const response = await gql('{ Pumps(limit: -1) { docs { id } } }', admin())
    expect(errorsOf(response.body)).toContain('limit must be a whole number (pages hold at most 200)')
  })

  it('finding 21: no "Did you mean" hints in validation or execution errors', async () => {
    const typo = await gql('{ Pumps { docs { serail } } }', admin())
    expect(errorsOf(typo.body).join()).toContain('Cannot query field "serail"')
    const badArgument = await gql('{ Pumps(limt: 5) { docs { id } } }', admin())
    expect(errorsOf(badArgument.body).join()).toContain('Unknown argument "limt"')
    const unknownType = await gql('query ($w: Pump_wher) { Pumps(where: $w) { docs { id } } }', admin())
    expect(errorsOf(unknownType.body).length).toBeGreaterThan(0)
    for (const response of [typo, badArgument, unknownType])
      expect(JSON.stringify(response.body)).not.toMatch(/Did you mean/i)
  })
})

describe('finding 18: an id that is not one answers 404, never 500, on every collection and route', () => {
  const BAD_IDS = ['abc', '99999999999999999999', '2147483648', '0x2', '1e0', '-1', '0', '1.0']

  it.each(['pumps', 'partners', 'buyers', 'users', 'models', 'pumpEvents', 'countries'])(
    '%s: GET, PATCH, DELETE',
    async (slug) => {
      for (const id of BAD_IDS) {
        for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
          const response = await rest(method, `/${slug}/${encodeURIComponent(id)}`, {
            ...admin(),
            ...(method === 'PATCH' ? { body: { name: 'x' } } : {}),
          })
          // History events are written by nobody through the API: a write answers 403 before the id matters.
          const expected = slug === 'pumpEvents' && method !== 'GET' ? [403, 404] : [404]
          expect({ id, method, ok: expected.includes(response.status) }).toEqual({ id, method, ok: true })
        }
      }
    },
  )

  it('ids in where, in page and in relationship values are checked too (they answered 500)', async () => {
    for (const query of [
      'where[id][equals]=99999999999999999999',
      'where[id][in]=1,abc',
      'where[responsiblePartner][equals]=abc',
      'where[responsiblePartner][equals]=99999999999999999999',
      'where[or][0][model][equals]=2147483648',
      'page=99999999999999999999',
    ]) {
      const response = await rest('GET', `/pumps?${query}`, admin())
      expect({ query, status: response.status }).toEqual({ query, status: 400 })
    }
    expect(message((await rest('GET', '/pumps?where[responsiblePartner][equals]=abc', admin())).body)).toBe(
      'where[responsiblePartner][equals]: "abc" is not an id',
    )
    const id = world.pumps.ofA.id
    // eslint-disable-next-line no-loss-of-precision -- an id beyond any integer column is the point of this case
    for (const data of [{ responsiblePartner: 99999999999999999999 }, { model: 2147483648 }, { model: '1e0' }]) {
      const response = await rest('PATCH', `/pumps/${id}`, { ...admin(), body: data })
      expect({ data, status: response.status }).toEqual({ data, status: 400 })
    }
    const fine = await rest('GET', `/pumps?where[responsiblePartner][equals]=${world.partnerA.id}&page=1`, admin())
    expect(fine.status).toBe(200)
    expect(fine.body.totalDocs).toBeGreaterThan(0)
  })

  it('our own pump endpoints: advance, set-status, transitions, device-key', async () => {
    const real = world.pumps.unclaimed.id
    // The same pump spelt as hex and with an exponent used to reach it through Number().
    for (const id of [`0x${real.toString(16)}`, `${real}e0`, 'abc', '99999999999999999999']) {
      const calls = [
        rest('GET', `/pumps/${id}/transitions`, admin()),
        rest('POST', `/pumps/${id}/advance`, { ...admin(), body: {} }),
        rest('POST', `/pumps/${id}/set-status`, { ...admin(), body: { status: 'produced', password: world.password } }),
        rest('POST', `/pumps/${id}/device-key`, { ...admin(), body: { password: world.password } }),
      ]
      const statuses = (await Promise.all(calls)).map((response) => response.status)
      expect({ id, statuses }).toEqual({ id, statuses: [404, 404, 404, 404] })
    }
    expect((await rest('GET', `/pumps/${real}/transitions`, admin())).status).toBe(200)
    expect((await rest('GET', `/pumps/${real}`, admin())).status).toBe(200)
  })
})

describe('finding 13: a login cookie counts only from our own origins', () => {
  const newAdmin = () => ({
    email: `csrf-${Date.now()}-${Math.random().toString(36).slice(2)}@test.local`,
    password: 'x-Password-1',
    role: 'admin',
  })
  const cookie = () => `payload-token=${world.tokens.admin}`

  it('a cross-site POST /api/users with the admin cookie creates nobody', async () => {
    const data = newAdmin()
    const evil = await rest('POST', '/users', {
      body: data,
      headers: { Cookie: cookie(), Origin: 'https://evil.example' },
    })
    expect(evil.status).toBe(403)
    const noOriginCrossSite = await rest('POST', '/users', {
      body: data,
      headers: { Cookie: cookie(), 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(noOriginCrossSite.status).toBe(403)
    const created = await payload.find({ collection: 'users', where: { email: { equals: data.email } } })
    expect(created.totalDocs).toBe(0)
  })

  it('the same request from our own origin works', async () => {
    const response = await rest('POST', '/users', {
      body: newAdmin(),
      headers: { Cookie: cookie(), Origin: 'http://localhost:3000' },
    })
    expect(response.status).toBe(201)
  })

  it('our own endpoints go through the same rule', async () => {
    const id = world.pumps.unclaimed.id
    const evil = await rest('POST', `/pumps/${id}/advance`, {
      body: {},
      headers: { Cookie: cookie(), Origin: 'https://evil.example' },
    })
    expect([401, 403]).toContain(evil.status)
    const own = await rest('GET', `/pumps/${id}/transitions`, {
      headers: { Cookie: cookie(), Origin: 'http://localhost:3000' },
    })
    expect(own.status).toBe(200)
  })

  it('the mobile app (Authorization: JWT, no Origin, no cookie) still works', async () => {
    const response = await rest('GET', '/buyers/me', { token: world.tokens.owner })
    expect(response.status).toBe(200)
    expect(response.body.user?.id).toBe(world.ownerX.id)
    expect((await rest('POST', '/users', { token: world.tokens.admin, body: newAdmin() })).status).toBe(201)
  })
})
