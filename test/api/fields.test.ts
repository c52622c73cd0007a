// Field-level hardening through REST and GraphQL (issue 9, findings 4, 7, 8): every hidden field of every
// collection, read from the config, is unwritable and unqueryable; every field a role may not read is not
// queryable or sortable by it either; history is written only for real assignment changes.
import type { Field, FieldAccess, Payload, PayloadRequest } from 'payload'

import { internalFieldNames } from '../../access/internal-fields'
import { createWorld, localUser, unique, type Role, type World } from '../support/fixtures'
import { closePayload, gql, rest, startPayload } from '../support/payload'

let payload: Payload
let world: World

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
})
afterAll(async () => {
  await closePayload(payload)
})

/** A document of each collection that has internal fields; a collection missing here fails the test below. */
const targets: Record<string, () => Promise<number>> = {
  pumps: async () => (await payload.create({ collection: 'pumps', data: { serial: unique('HID'), password: 'pump-secret-1' } as never })).id,
  users: async () =>
    (await payload.create({ collection: 'users', data: { email: `${unique('hid')}@test.local`, password: world.password, role: 'service' } })).id,
  buyers: async () =>
    (
      await payload.create({
        collection: 'buyers',
        data: { phone: `+7915${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, username: '', password: world.password },
      })
    ).id,
}

const GRAPHQL_UPDATE: Record<string, string> = { pumps: 'updatePump', users: 'updateUser', buyers: 'updateBuyer' }

function attackValue(field: Field): unknown {
  if (field.type === 'date') return '2001-02-03T04:05:06.000Z'
  if (field.type === 'number') return 99
  return '$2a$10$attackerchosenhashattackerchosenhashattackerchose12'
}

function fieldByPath(fields: readonly Field[], path: string): Field {
  const [head, ...rest] = path.split('.')
  const found = fields
    .flatMap((field) => ('name' in field && field.name ? [field] : (((field as { fields?: Field[] }).fields ?? []) as Field[])))
    .find((field) => 'name' in field && field.name === head)!
  return rest.length ? fieldByPath((found as { fields: Field[] }).fields, rest.join('.')) : found
}

async function stored(slug: string, id: number): Promise<Record<string, unknown>> {
  return (await payload.db.findOne({ collection: slug as never, where: { id: { equals: id } } })) as Record<string, unknown>
}

const collectionsWithInternalFields = () =>
  Object.values(payload.collections)
    .map(({ config }) => ({ slug: config.slug, names: internalFieldNames(config.fields) }))
    .filter(({ names }) => names.length > 0)

describe('internal fields (finding 4)', () => {
  it('the config names them: the pump hashes, the modem bookkeeping and the auth secrets', () => {
    const all = Object.fromEntries(collectionsWithInternalFields().map(({ slug, names }) => [slug, names]))
    expect(all.pumps).toEqual(expect.arrayContaining(['passwordHash', 'deviceKeyHash', 'presenceAt', 'alarmsAt', 'lastSeenAt']))
    for (const slug of ['users', 'buyers']) {
      expect(all[slug]).toEqual(expect.arrayContaining(['hash', 'salt', 'loginAttempts', 'lockUntil', 'resetPasswordToken']))
    }
    for (const slug of Object.keys(all)) expect(targets[slug]).toBeDefined()
  })

  it('an administrator cannot write any of them by REST create, REST update or GraphQL update', async () => {
    for (const { slug, names } of collectionsWithInternalFields()) {
      const id = await targets[slug]()
      const before = await stored(slug, id)
      for (const name of names) {
        const field = fieldByPath(payload.collections[slug].config.fields, name)
        const value = attackValue(field)
        const patch = await rest('PATCH', `/${slug}/${id}`, { token: world.tokens.admin, body: { [name]: value } })
        expect([200, 400, 403]).toContain(patch.status)
        const literal = JSON.stringify(value)
        await gql(`mutation { ${GRAPHQL_UPDATE[slug]}(id: ${id}, data: { ${name}: ${literal} }) { id } }`, { token: world.tokens.admin })
        const after = await stored(slug, id)
        expect({ slug, name, value: after[name] }).toEqual({ slug, name, value: before[name] })
      }
    }
  })

  it('a pump created over REST gets no chosen hash: none without a password, its own password’s with one', async () => {
    const chosen = attackValue({ type: 'text' } as Field)
    const bare = await rest('POST', '/pumps', {
      token: world.tokens.admin,
      body: { serial: unique('HIDC'), passwordHash: chosen, deviceKeyHash: chosen, presenceAt: '2001-01-01T00:00:00.000Z' },
    })
    expect(bare.status).toBe(201)
    const bareRow = await stored('pumps', bare.body.doc.id)
    expect([bareRow.passwordHash ?? null, bareRow.deviceKeyHash ?? null, bareRow.presenceAt ?? null]).toEqual([null, null, null])
    const withPassword = await rest('POST', '/pumps', {
      token: world.tokens.admin,
      body: { serial: unique('HIDC'), password: 'pump-secret-1', passwordHash: chosen },
    })
    expect(withPassword.status).toBe(201)
    const row = await stored('pumps', withPassword.body.doc.id)
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$/)
    expect(row.passwordHash).not.toBe(chosen)
  })

  it('none of them is read, filtered or sorted on through REST or GraphQL, even by an administrator', async () => {
    for (const { slug, names } of collectionsWithInternalFields()) {
      const id = await targets[slug]()
      const read = await rest('GET', `/${slug}/${id}`, { token: world.tokens.admin })
      for (const name of names) {
        expect({ slug, name, read: Object.keys(read.body).includes(name) }).toEqual({ slug, name, read: false })
        const where = await rest('GET', `/${slug}?where[${name}][exists]=true`, { token: world.tokens.admin })
        expect({ slug, name, status: where.status }).toEqual({ slug, name, status: 400 })
        const sort = await rest('GET', `/${slug}?sort=${name}`, { token: world.tokens.admin })
        expect({ slug, name, status: sort.status }).toEqual({ slug, name, status: 400 })
      }
    }
  })

  it('the services that own them still set them (Local API, overrideAccess)', async () => {
    const id = await targets.pumps()
    await payload.update({ collection: 'pumps', id, data: { deviceKeyHash: 'service-set' } as never, overrideAccess: true })
    expect((await stored('pumps', id)).deviceKeyHash).toBe('service-set')
    const withHidden = await payload.findByID({ collection: 'pumps', id, showHiddenFields: true, overrideAccess: true })
    expect((withHidden as { passwordHash?: string }).passwordHash).toMatch(/^\$2/)
  })
})

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
  const full = await payload.find({ collection: rule.slug as never, where: { id: { in: ids } }, depth: 0, limit: 200, overrideAccess: true })
  const storedById = new Map((full.docs as Record<string, unknown>[]).map((doc) => [doc.id as number, doc]))
  return listed.body.docs
    .filter((doc: Record<string, unknown>) => {
      const value = storedById.get(doc.id as number)?.[rule.path]
      return value !== undefined && value !== null && !(rule.path in doc)
    })
    .map((doc: { id: number }) => doc.id)
}

const GRAPHQL_LIST: Record<string, string> = { pumps: 'Pumps', pumpEvents: 'PumpEvents', buyers: 'Buyers', users: 'Users' }

describe('a field hidden from a role is not queryable by it (finding 7)', () => {
  beforeAll(async () => {
    // An owner event on a pump partner A holds: its assignedTo and actorName carry the owner's phone.
    const pump = world.pumps.ofA.id
    const ownerUser = { ...world.ownerX, collection: 'buyers' as const }
    await payload.create({
      collection: 'pumpEvents',
      data: { pump, kind: 'owner', at: new Date().toISOString(), actor: 'owner', actorName: world.ownerX.phone, assignedTo: world.ownerX.phone, source: 'owner_app', owner: world.ownerX.id },
      user: ownerUser,
    })
  })

  it('the rules include the history fields that name owners', () => {
    const names = readRules().map((rule) => `${rule.slug}.${rule.path}`)
    expect(names).toEqual(expect.arrayContaining(['pumpEvents.assignedTo', 'pumpEvents.actorName', 'pumpEvents.owner', 'pumps.owner', 'pumps.nickname']))
  })

  it.each(['partner', 'owner'] as const)('a %s can neither filter nor sort on a field it may not read: REST, GraphQL, joins', async (role) => {
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
        expect({ label, leaked: join.status === 200 && JSON.stringify(join.body).includes(`"${rule.path}":{"docs":[{`) }).toEqual({ label, leaked: false })
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
  })

  it('the phone-guessing query of the report is refused, by REST, GraphQL and the pump’s history join', async () => {
    const token = world.tokens.partner
    const prefix = encodeURIComponent(world.ownerX.phone.slice(0, 5))
    for (const path of ['assignedTo', 'actorName']) {
      expect((await rest('GET', `/pumpEvents?where[${path}][like]=${prefix}`, { token })).status).toBe(400)
      const joined = await rest('GET', `/pumps/${world.pumps.ofA.id}?joins[history][where][${path}][like]=${prefix}`, { token })
      expect(joined.status).toBe(400)
      const listed = await rest('GET', `/pumps?where[history.${path}][like]=${prefix}`, { token })
      expect(listed.status).toBe(400)
      const graph = await gql(`{ PumpEvents(where: { ${path}: { like: "+79" } }) { totalDocs } }`, { token })
      expect(graph.body.errors?.length).toBeGreaterThan(0)
    }
  })

  it('a partner still reads the history of its pumps, without the owner’s phone', async () => {
    const events = await rest('GET', `/pumpEvents?where[pump][equals]=${world.pumps.ofA.id}&limit=50`, { token: world.tokens.partner })
    expect(events.status).toBe(200)
    expect(events.body.docs.length).toBeGreaterThan(0)
    expect(JSON.stringify(events.body)).not.toContain(world.ownerX.phone)
    const staff = await rest('GET', `/pumpEvents?where[assignedTo][like]=${encodeURIComponent(world.ownerX.phone)}`, { token: world.tokens.service })
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
    const note = await rest('PATCH', `/pumps/${pump}`, { token: world.tokens.partner, body: { note: 'filter cleaned' } })
    expect(note.status).toBe(200)
    const graphNote = await gql(`mutation { updatePump(id: ${pump}, data: { note: "checked" }) { id } }`, { token: world.tokens.partner })
    expect(graphNote.body.errors).toBeUndefined()
    expect(await eventCount(pump)).toBe(before)

    const moved = await rest('PATCH', `/pumps/${pump}`, { token: world.tokens.service, body: { responsiblePartner: world.partnerB.id } })
    expect(moved.status).toBe(200)
    const events = (await payload.find({ collection: 'pumpEvents', where: { pump: { equals: pump } }, sort: '-createdAt', limit: 10 })).docs
    expect(await eventCount(pump)).toBe(before + 1)
    expect(events[0]).toMatchObject({ kind: 'partner', partner: expect.objectContaining({ id: world.partnerB.id }) })
    // Back, for the other tests of this file.
    await payload.update({ collection: 'pumps', id: pump, data: { responsiblePartner: world.partnerA.id } })
  })
})
