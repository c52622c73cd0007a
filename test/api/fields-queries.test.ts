// Field-level hardening through REST and GraphQL (issue 9, findings 7, 8): every field a role may not read is not
// queryable or sortable by it either; history is written only for real assignment changes.
import type { Field, FieldAccess, PayloadRequest } from 'payload'

import { localUser, type Role } from '../support/fixtures'
import { gql, rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

type ReadRule = { slug: string; path: string; read: FieldAccess; type: string }

/** Every field of every collection whose read access is restricted or conditional. */
function readRules(): ReadRule[] {
  const rules: ReadRule[] = []
  const walk = (slug: string, fields: readonly Field[], prefix: string) => {
    for (const field of fields) {
      const named = 'name' in field && field.name ? `${prefix}${field.name}` : null
      const read = (field as { access?: { read?: FieldAccess } }).access?.read
      if (named && read) rules.push({ slug, path: named, read, type: field.type })
      const sub = (field as { fields?: Field[] }).fields
      if (sub && field.type !== 'array') walk(slug, sub, field.type === 'group' && named ? `${named}.` : prefix)
    }
  }
  for (const { config } of Object.values(payload.collections)) walk(config.slug, config.fields, '')
  return rules
}

async function allowedWithoutDoc(rule: ReadRule, role: Role): Promise<boolean> {
  const req = { user: localUser(world, role), payload } as unknown as PayloadRequest
  return Boolean(await rule.read({ req, doc: undefined, siblingData: undefined } as never))
}

/** Documents the role lists where the field has a stored value but the role's copy lacks it. */
async function docsHidingField(rule: ReadRule, role: Role): Promise<number[]> {
  if (rule.type === 'join' || rule.path.includes('.')) return []
  const listed = await rest('GET', `/${rule.slug}?limit=200&depth=0`, { token: world.tokens[role] })
  if (listed.status !== 200) return []
  const ids = listed.body.docs.map((doc: { id: number }) => doc.id)
  if (!ids.length) return []
  const full = await payload.find({
    collection: rule.slug as never,
    where: { id: { in: ids } },
    depth: 0,
    limit: 200,
    overrideAccess: true,
  })
  const storedById = new Map((full.docs as Record<string, unknown>[]).map((doc) => [doc.id as number, doc]))
  return listed.body.docs
    .filter((doc: Record<string, unknown>) => {
      const value = storedById.get(doc.id as number)?.[rule.path]
      return value !== undefined && value !== null && !(rule.path in doc)
    })
    .map((doc: { id: number }) => doc.id)
}

const GRAPHQL_LIST: Record<string, string> = {
  pumps: 'Pumps',
  pumpEvents: 'PumpEvents',
  buyers: 'Buyers',
  users: 'Users',
}

describe('a field hidden from a role is not queryable by it (finding 7)', () => {
  beforeAll(async () => {
    // An owner event on a pump partner A holds: its assignedTo and actorName carry the owner's phone.
    const pump = world.pumps.ofA.id
    const ownerUser = { ...world.ownerX, collection: 'buyers' as const }
    await payload.create({
      collection: 'pumpEvents',
      data: {
        pump,
        kind: 'owner',
        at: new Date().toISOString(),
        actor: 'owner',
        actorName: world.ownerX.phone,
        assignedTo: world.ownerX.phone,
        source: 'owner_app',
        owner: world.ownerX.id,
      },
      user: ownerUser,
    })
  })

  it('the rules include the history fields that name owners', () => {
    const names = readRules().map((rule) => `${rule.slug}.${rule.path}`)
    expect(names).toEqual(
      expect.arrayContaining([
        'pumpEvents.assignedTo',
        'pumpEvents.actorName',
        'pumpEvents.owner',
        'pumps.owner',
        'pumps.nickname',
      ]),
    )
  })

  it.each(['partner', 'owner'] as const)(
    'a %s can neither filter nor sort on a field it may not read: REST, GraphQL, joins',
    async (role) => {
      const token = world.tokens[role]
      for (const rule of readRules()) {
        const label = `${role} ${rule.slug}.${rule.path}`
        if (await allowedWithoutDoc(rule, role)) {
          // Queryable by this role: then it must also read the field on every document it lists.
          expect({ label, hiddenOn: await docsHidingField(rule, role) }).toEqual({ label, hiddenOn: [] })
          continue
        }
        if (rule.type === 'join') {
          const join = await rest('GET', `/${rule.slug}?joins[${rule.path}][where][id][exists]=true`, { token })
          expect({
            label,
            leaked: join.status === 200 && JSON.stringify(join.body).includes(`"${rule.path}":{"docs":[{`),
          }).toEqual({ label, leaked: false })
          continue
        }
        const like = await rest('GET', `/${rule.slug}?where[${rule.path}][exists]=true`, { token })
        expect({ label, refused: [400, 403].includes(like.status) }).toEqual({ label, refused: true })
        const sort = await rest('GET', `/${rule.slug}?sort=${rule.path}`, { token })
        expect({ label, refused: [400, 403].includes(sort.status) }).toEqual({ label, refused: true })
        const list = GRAPHQL_LIST[rule.slug]
        if (list && !rule.path.includes('.')) {
          const graph = await gql(`{ ${list}(where: { ${rule.path}: { exists: true } }) { totalDocs } }`, { token })
          expect({ label, errors: Boolean(graph.body.errors?.length) }).toEqual({ label, errors: true })
        }
      }
    },
  )

  it('the phone-guessing query of the report is refused, by REST, GraphQL and the pump’s history join', async () => {
    const token = world.tokens.partner
    const prefix = encodeURIComponent(world.ownerX.phone.slice(0, 5))
    for (const path of ['assignedTo', 'actorName']) {
      expect((await rest('GET', `/pumpEvents?where[${path}][like]=${prefix}`, { token })).status).toBe(400)
      const joined = await rest('GET', `/pumps/${world.pumps.ofA.id}?joins[history][where][${path}][like]=${prefix}`, {
        token,
      })
      expect(joined.status).toBe(400)
      const listed = await rest('GET', `/pumps?where[history.${path}][like]=${prefix}`, { token })
      expect(listed.status).toBe(400)
      const graph = await gql(`{ PumpEvents(where: { ${path}: { like: "+79" } }) { totalDocs } }`, { token })
      expect(graph.body.errors?.length).toBeGreaterThan(0)
    }
  })

  it('a partner still reads the history of its pumps, without the owner’s phone', async () => {
    const events = await rest('GET', `/pumpEvents?where[pump][equals]=${world.pumps.ofA.id}&limit=50`, {
      token: world.tokens.partner,
    })
    expect(events.status).toBe(200)
    expect(events.body.docs.length).toBeGreaterThan(0)
    expect(JSON.stringify(events.body)).not.toContain(world.ownerX.phone)
    const staff = await rest('GET', `/pumpEvents?where[assignedTo][like]=${encodeURIComponent(world.ownerX.phone)}`, {
      token: world.tokens.service,
    })
    expect(staff.status).toBe(200)
    expect(staff.body.totalDocs).toBeGreaterThan(0)
  })
})

describe('history is written for real assignment changes only (finding 8)', () => {
  async function eventCount(pump: number): Promise<number> {
    return (await payload.count({ collection: 'pumpEvents', where: { pump: { equals: pump } } })).totalDocs
  }

  it('an owner saving a nickname and a partner saving a note write no events; a staff change of partner writes one', async () => {
    const pump = world.pumps.ofA.id
    const before = await eventCount(pump)
    const nickname = await rest('PATCH', `/pumps/${pump}`, { token: world.tokens.owner, body: { nickname: 'Дача' } })
    expect(nickname.status).toBe(200)
    const note = await rest('PATCH', `/pumps/${pump}`, {
      token: world.tokens.partner,
      body: { note: 'filter cleaned' },
    })
    expect(note.status).toBe(200)
    const graphNote = await gql(`mutation { updatePump(id: ${pump}, data: { note: "checked" }) { id } }`, {
      token: world.tokens.partner,
    })
    expect(graphNote.body.errors).toBeUndefined()
    expect(await eventCount(pump)).toBe(before)

    const moved = await rest('PATCH', `/pumps/${pump}`, {
      token: world.tokens.service,
      body: { responsiblePartner: world.partnerB.id },
    })
    expect(moved.status).toBe(200)
    const events = (
      await payload.find({ collection: 'pumpEvents', where: { pump: { equals: pump } }, sort: '-createdAt', limit: 10 })
    ).docs
    expect(await eventCount(pump)).toBe(before + 1)
    expect(events[0]).toMatchObject({ kind: 'partner', partner: expect.objectContaining({ id: world.partnerB.id }) })
    // Back, for the other tests of this file.
    await payload.update({ collection: 'pumps', id: pump, data: { responsiblePartner: world.partnerA.id } })
  })
})
