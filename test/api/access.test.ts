// The access table of the foundation issue, cell by cell: every role × collection × operation, once through
// REST with a real login and once through the Local API with overrideAccess: false.
import type { Payload } from 'payload'

import { PUMP_FLOW_CONTEXT_KEY } from '../../src/domain/flow'
import { onePagePdf } from '../../src/seed/pdf'
import { createWorld, localUser, unique, type Role, type World } from '../support/fixtures'
import { closePayload, gql, receivedBodies, rest, startPayload } from '../support/payload'

type Slug =
  | 'users'
  | 'partners'
  | 'buyers'
  | 'models'
  | 'manuals'
  | 'countries'
  | 'regions'
  | 'objectTypes'
  | 'pumps'
  | 'pumpEvents'
  | 'registrationAttempts'
  | 'feedback'
  | 'phoneCodes'
type Operation = 'list' | 'read' | 'create' | 'update' | 'delete'
type Outcome = 'allow' | 'deny'
type Id = number | string

type Cell = {
  collection: Slug
  role: Role
  operation: Operation
  expect: Outcome
  /** The document read, updated or deleted; made fresh for each attempt where the attempt may consume it. */
  target?: (w: World) => Promise<Id> | Id
  data?: (w: World) => Record<string, unknown>
}

let payload: Payload
let world: World

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
})
afterAll(async () => {
  await closePayload(payload)
})

// Fresh documents for update/delete attempts, made with full rights.
const fresh = {
  user: async (w: World) =>
    (await payload.create({ collection: 'users', data: { email: `${unique('u')}@test.local`, password: w.password, role: 'service' } })).id,
  partner: async () => (await payload.create({ collection: 'partners', data: { name: unique('Partner') } })).id,
  buyer: async (w: World) =>
    (
      await payload.create({
        collection: 'buyers',
        data: { phone: `+7914${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, username: '', password: w.password },
      })
    ).id,
  model: async () => (await payload.create({ collection: 'models', data: { name: unique('Model'), code: unique('M') } })).id,
  country: async () => (await payload.create({ collection: 'countries', data: { code: await freeCountryCode(), name: unique('Country') } })).id,
  objectType: async () => (await payload.create({ collection: 'objectTypes', data: { code: unique('ot'), name: unique('Type') } })).id,
  pump: async () => (await payload.create({ collection: 'pumps', data: { serial: unique('SN') } })).id,
  /** A history event of a pump (written as the lifecycle service writes them: Local API, full rights). */
  pumpEvent: async (pump: Id) =>
    (
      await payload.create({
        collection: 'pumpEvents',
        data: { pump: pump as number, kind: 'status', at: new Date().toISOString(), from: 'created', to: 'produced', actor: 'system', source: 'import' },
      })
    ).id,
  manual: async () =>
    (
      await payload.create({
        collection: 'manuals',
        data: { title: unique('Manual') },
        file: { data: onePagePdf('Test manual'), mimetype: 'application/pdf', name: `${unique('manual')}.pdf`, size: 0 },
      })
    ).id,
}

// ISO 3166-1 leaves these codes to users: test countries take them, freeing one left by an earlier run.
const USER_ASSIGNED_CODES = ['AA', 'ZZ', ...'MNOPQRSTUVWXYZ'.split('').map((c) => `Q${c}`), ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `X${c}`)]
let countryCodeSeq = 0
async function freeCountryCode(): Promise<string> {
  const code = USER_ASSIGNED_CODES[countryCodeSeq++ % USER_ASSIGNED_CODES.length]
  await payload.delete({ collection: 'countries', where: { code: { equals: code } } })
  return code
}

const russiaId = async () => (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } } })).docs[0].id

const createData: Partial<Record<Slug, (w: World) => Record<string, unknown>>> = {
  users: (w) => ({ email: `${unique('new')}@test.local`, password: w.password, role: 'service' }),
  partners: () => ({ name: unique('New partner') }),
  buyers: (w) => ({ phone: `+7915${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, username: '', password: w.password }),
  models: () => ({ name: unique('New model'), code: unique('NM') }),
  countries: () => ({ code: '', name: unique('New country') }),
  regions: () => ({ code: unique('XX-R'), name: unique('Region'), timezone: 'Europe/Moscow' }),
  objectTypes: () => ({ code: unique('type'), name: unique('Type') }),
  pumps: () => ({ serial: unique('NEW') }),
  pumpEvents: (w) => ({ pump: w.pumps.ofA.id, at: new Date().toISOString(), to: 'in_service', actor: 'user', source: 'button' }),
  registrationAttempts: () => ({ flow: 'partner_claim', serial: 'FORGED', outcome: 'claimed' }),
  feedback: (w) => ({ buyer: w.ownerX.id, email: 'forged@example.com', message: 'forged' }),
  phoneCodes: () => ({ phone: '+79120000000', codeHash: 'forged', expiresAt: new Date(Date.now() + 60_000).toISOString() }),
}

const updateData: Partial<Record<Slug, Record<string, unknown>>> = {
  users: { name: 'Renamed' },
  partners: { taxNumber: '7700000000' },
  buyers: { name: 'Renamed owner' },
  models: { name: 'Renamed model' },
  countries: { name: 'Renamed country' },
  regions: { name: 'Renamed region' },
  objectTypes: { name: 'Renamed type' },
  manuals: { title: 'Renamed manual' },
  pumps: { note: 'updated note' },
  pumpEvents: { comment: 'rewritten history' },
  registrationAttempts: { outcome: 'claimed' },
  feedback: { handled: true },
  phoneCodes: { used: false },
}

const ALL_ROLES: Role[] = ['admin', 'service', 'partner', 'owner', 'anonymous']

/** Build the cells of one collection from a compact row: which roles may do each operation. */
function row(
  collection: Slug,
  allowed: Partial<Record<Operation, Role[]>>,
  targets: { read: (w: World) => Id | Promise<Id>; write: (w: World) => Id | Promise<Id> },
): Cell[] {
  const cells: Cell[] = []
  for (const operation of ['list', 'read', 'create', 'update', 'delete'] as Operation[]) {
    if (operation === 'create' && !createData[collection]) continue
    for (const role of ALL_ROLES) {
      cells.push({
        collection,
        role,
        operation,
        expect: (allowed[operation] ?? []).includes(role) ? 'allow' : 'deny',
        target: operation === 'read' || operation === 'list' ? targets.read : targets.write,
      })
    }
  }
  return cells
}

const everyone: Role[] = ALL_ROLES
const staff: Role[] = ['admin', 'service']

const table: Cell[] = [
  // users: admin all; service and partner read themselves only.
  ...row('users', { list: ['admin', 'service', 'partner'], read: ['admin'], create: ['admin'], update: ['admin'], delete: ['admin'] }, {
    read: (w) => w.users.otherPartner.id,
    write: (w) => fresh.user(w),
  }),
  // partners: admin all; service read + update; partner reads its own company.
  ...row('partners', { list: ['admin', 'service', 'partner'], read: staff, create: ['admin'], update: staff, delete: ['admin'] }, {
    read: (w) => w.partnerB.id,
    write: () => fresh.partner(),
  }),
  // buyers: admin all; service read, create, update; the owner their own record.
  ...row('buyers', { list: ['admin', 'service', 'owner'], read: staff, create: staff, update: staff, delete: ['admin'] }, {
    read: (w) => w.ownerY.id,
    write: (w) => fresh.buyer(w),
  }),
  // models, manuals, reference lists: everyone reads, admins write.
  ...row('models', { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] }, {
    read: (w) => w.model.id,
    write: () => fresh.model(),
  }),
  ...row('countries', { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] }, {
    read: async () => (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } } })).docs[0].id,
    write: () => fresh.country(),
  }),
  ...row('objectTypes', { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] }, {
    read: async () => (await payload.find({ collection: 'objectTypes', limit: 1 })).docs[0].id,
    write: () => fresh.objectType(),
  }),
  // pumps: admin all; service read, create, update; partner and owner only their own (below).
  ...row('pumps', { list: ['admin', 'service', 'partner', 'owner'], read: staff, create: staff, update: staff, delete: ['admin'] }, {
    read: (w) => w.pumps.ofB.id,
    write: () => fresh.pump(),
  }),
]

// History: staff read all of it, a partner the history of its own pumps (below); nobody writes it through the API.
table.push(
  ...row('pumpEvents', { list: ['admin', 'service', 'partner'], read: staff }, {
    read: (w) => fresh.pumpEvent(w.pumps.ofB.id),
    write: (w) => fresh.pumpEvent(w.pumps.ofA.id),
  }),
)

// The registration audit log and owners' feedback: staff read them (staff mark feedback handled); phone codes: nobody.
const made = {
  attempt: async () =>
    (await payload.create({ collection: 'registrationAttempts', data: { flow: 'owner_registration', serial: unique('S'), outcome: 'wrong_credentials' } })).id,
  feedback: async (w: World) =>
    (await payload.create({ collection: 'feedback', data: { buyer: w.ownerX.id, email: 'x@example.com', message: unique('m') } })).id,
  phoneCode: async () =>
    (
      await payload.create({
        collection: 'phoneCodes',
        data: { phone: '+79120000001', codeHash: unique('h'), expiresAt: new Date(Date.now() + 60_000).toISOString() },
      })
    ).id,
}
table.push(
  ...row('registrationAttempts', { list: staff, read: staff, delete: ['admin'] }, { read: () => made.attempt(), write: () => made.attempt() }),
  ...row('feedback', { list: staff, read: staff, update: staff, delete: ['admin'] }, {
    read: (w) => made.feedback(w),
    write: (w) => made.feedback(w),
  }),
  ...row('phoneCodes', {}, { read: () => made.phoneCode(), write: () => made.phoneCode() }),
)

// Manuals are uploads: created in the admin with a file (covered below), read by anyone.
table.push(
  ...row('manuals', { list: everyone, read: everyone, update: ['admin'], delete: ['admin'] }, {
    read: () => fresh.manual(),
    write: () => fresh.manual(),
  }),
)

// Regions need a country; they are written with one of the test's own.
table.push(
  ...row('regions', { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] }, {
    read: async () => (await payload.find({ collection: 'regions', where: { code: { equals: 'RU-SVE' } } })).docs[0].id,
    write: async () =>
      (
        await payload.create({
          collection: 'regions',
          data: { code: unique('XX-R'), name: unique('Region'), timezone: 'Europe/Moscow', country: await russiaId() },
        })
      ).id,
  }),
)

async function dataFor(cell: Cell): Promise<Record<string, unknown>> {
  if (cell.operation === 'create') {
    const data = createData[cell.collection]!(world)
    if (cell.collection === 'regions') data.country = await russiaId()
    if (cell.collection === 'countries') data.code = await freeCountryCode()
    return data
  }
  return updateData[cell.collection] ?? {}
}

async function viaRest(cell: Cell): Promise<Outcome> {
  const token = world.tokens[cell.role]
  const id = cell.target && cell.operation !== 'list' && cell.operation !== 'create' ? await cell.target(world) : undefined
  const response =
    cell.operation === 'list'
      ? await rest('GET', `/${cell.collection}`, { token })
      : cell.operation === 'read'
        ? await rest('GET', `/${cell.collection}/${id}`, { token })
        : cell.operation === 'create'
          ? await rest('POST', `/${cell.collection}`, { token, body: await dataFor(cell) })
          : cell.operation === 'update'
            ? await rest('PATCH', `/${cell.collection}/${id}`, { token, body: await dataFor(cell) })
            : await rest('DELETE', `/${cell.collection}/${id}`, { token })
  if (response.status >= 200 && response.status < 300) return 'allow'
  if ([401, 403, 404].includes(response.status)) return 'deny'
  throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body)}`)
}

async function viaLocal(cell: Cell): Promise<Outcome> {
  const common = { collection: cell.collection, overrideAccess: false, user: localUser(world, cell.role) } as const
  const id = cell.target && cell.operation !== 'list' && cell.operation !== 'create' ? await cell.target(world) : undefined
  try {
    if (cell.operation === 'list') await payload.find({ ...common })
    else if (cell.operation === 'read') await payload.findByID({ ...common, id: id! })
    else if (cell.operation === 'create') await payload.create({ ...common, data: (await dataFor(cell)) as never })
    else if (cell.operation === 'update') await payload.update({ ...common, id: id!, data: (await dataFor(cell)) as never })
    else await payload.delete({ ...common, id: id! })
    return 'allow'
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 401 || status === 403 || status === 404) return 'deny'
    throw error
  }
}

describe.each(['REST', 'Local API'])('access table through %s', (path) => {
  it.each(table.map((cell) => [cell.collection, cell.role, cell.operation, cell.expect, cell] as const))(
    '%s · %s · %s → %s',
    async (_collection, _role, _operation, expected, cell) => {
      const outcome = path === 'REST' ? await viaRest(cell) : await viaLocal(cell)
      expect(outcome).toBe(expected)
    },
  )
})

describe('what each role sees in lists', () => {
  const ids = (docs: { id: Id }[]) => docs.map((doc) => doc.id)

  it('a service engineer and a partner list only themselves among users', async () => {
    for (const [role, self] of [
      ['service', world.users.service.id],
      ['partner', world.users.partner.id],
    ] as const) {
      const response = await rest('GET', '/users?limit=0', { token: world.tokens[role] })
      expect(ids(response.body.docs)).toEqual([self])
    }
  })

  it('a partner user reads its own company and not another', async () => {
    const list = await rest('GET', '/partners?limit=0', { token: world.tokens.partner })
    expect(ids(list.body.docs)).toEqual([world.partnerA.id])
    expect((await rest('GET', `/partners/${world.partnerA.id}`, { token: world.tokens.partner })).status).toBe(200)
  })

  it('an owner reads their own buyer card only', async () => {
    const list = await rest('GET', '/buyers?limit=0', { token: world.tokens.owner })
    expect(ids(list.body.docs)).toEqual([world.ownerX.id])
    expect((await rest('GET', `/buyers/${world.ownerX.id}`, { token: world.tokens.owner })).status).toBe(200)
    const updated = await rest('PATCH', `/buyers/${world.ownerX.id}`, { token: world.tokens.owner, body: { name: 'Owner X2' } })
    expect(updated.status).toBe(200)
    expect(updated.body.doc.name).toBe('Owner X2')
  })

  it('a partner lists only the pumps it is responsible for; an owner only their own', async () => {
    const ofPartner = await rest('GET', '/pumps?limit=0', { token: world.tokens.partner })
    expect(ids(ofPartner.body.docs)).toEqual([world.pumps.ofA.id])
    const ofOwner = await rest('GET', '/pumps?limit=0', { token: world.tokens.owner })
    expect(ids(ofOwner.body.docs)).toEqual([world.pumps.ofA.id])
    for (const role of ['partner', 'owner'] as const) {
      expect((await rest('GET', `/pumps/${world.pumps.ofA.id}`, { token: world.tokens[role] })).status).toBe(200)
      expect((await rest('GET', `/pumps/${world.pumps.ofB.id}`, { token: world.tokens[role] })).status).toBe(404)
    }
  })

  it('the same holds through the Local API with overrideAccess: false', async () => {
    const partnerPumps = await payload.find({ collection: 'pumps', overrideAccess: false, user: localUser(world, 'partner'), limit: 0 })
    expect(ids(partnerPumps.docs)).toEqual([world.pumps.ofA.id])
    const ownerPumps = await payload.find({ collection: 'pumps', overrideAccess: false, user: localUser(world, 'owner'), limit: 0 })
    expect(ids(ownerPumps.docs)).toEqual([world.pumps.ofA.id])
  })

  it('the owner’s view of a pump has no partner notes, responsible partner or other owner', async () => {
    const response = await rest('GET', `/pumps/${world.pumps.ofA.id}`, { token: world.tokens.owner })
    expect(response.body.serial).toBe(world.pumps.ofA.serial)
    expect(response.body).not.toHaveProperty('ownerInfo')
    expect(response.body).not.toHaveProperty('note')
    expect(response.body).not.toHaveProperty('responsiblePartner')
    expect(response.body).not.toHaveProperty('owner')
  })
})

describe('a partner edits only the installation fields of its own pumps', () => {
  it('changes installation fields and nothing else', async () => {
    const russia = (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } } })).docs[0]
    const samara = (await payload.find({ collection: 'regions', where: { code: { equals: 'RU-SAM' } } })).docs[0]
    const response = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, {
      token: world.tokens.partner,
      body: {
        country: russia.id,
        region: samara.id,
        note: 'mounted in the basement',
        serial: 'HIJACKED',
        responsiblePartner: world.partnerB.id,
        owner: world.ownerY.id,
        simNumber: '89701012345678901234',
      },
    })
    expect(response.status).toBe(200)
    const pump = await payload.findByID({ collection: 'pumps', id: world.pumps.ofA.id, depth: 0 })
    expect(pump.note).toBe('mounted in the basement')
    expect(pump.region).toBe(samara.id)
    expect(pump.timezone).toBe('Europe/Samara')
    expect(pump.serial).toBe(world.pumps.ofA.serial)
    expect(pump.responsiblePartner).toBe(world.partnerA.id)
    expect(pump.owner).toBe(world.ownerX.id)
    expect(pump.simNumber ?? null).toBeNull()
  })

  it("cannot update or claim another partner's pump, by REST or GraphQL", async () => {
    const patch = await rest('PATCH', `/pumps/${world.pumps.ofB.id}`, { token: world.tokens.partner, body: { note: 'mine now' } })
    expect([403, 404]).toContain(patch.status)
    const claim = await rest('PATCH', `/pumps/${world.pumps.unclaimed.id}`, {
      token: world.tokens.partner,
      body: { responsiblePartner: world.partnerA.id },
    })
    expect([403, 404]).toContain(claim.status)
    const after = await payload.findByID({ collection: 'pumps', id: world.pumps.unclaimed.id, depth: 0 })
    expect(after.responsiblePartner ?? null).toBeNull()
    const notB = await payload.findByID({ collection: 'pumps', id: world.pumps.ofB.id, depth: 0 })
    expect(notB.note ?? null).toBeNull()
  })
})

describe('protected fields', () => {
  it('refuses a status change through a plain update, for admins too, with a message in the user’s language', async () => {
    const en = await rest('PATCH', `/pumps/${world.pumps.unclaimed.id}`, { token: world.tokens.admin, body: { status: 'released' } })
    expect(en.status).toBe(400)
    expect(JSON.stringify(en.body)).toContain('The status changes only through a status transition')
    const ru = await rest('PATCH', `/pumps/${world.pumps.unclaimed.id}`, {
      token: world.tokens.service,
      language: 'ru',
      body: { status: 'released' },
    })
    expect(ru.status).toBe(400)
    expect(JSON.stringify(ru.body)).toContain('Статус меняется только переходом статуса')
    await expect(
      payload.update({ collection: 'pumps', id: world.pumps.unclaimed.id, data: { status: 'released' } }),
    ).rejects.toThrow(/status/)
    const pump = await payload.findByID({ collection: 'pumps', id: world.pumps.unclaimed.id })
    expect(pump.status).toBe('created')
  })

  it('refuses a status set at creation and connectivity fields at any time', async () => {
    const created = await rest('POST', '/pumps', { token: world.tokens.service, body: { serial: unique('S'), status: 'shipped' } })
    expect(created.status).toBe(400)
    const online = await rest('PATCH', `/pumps/${world.pumps.unclaimed.id}`, {
      token: world.tokens.admin,
      body: { online: true, lastDataAt: new Date().toISOString() },
    })
    expect(online.status).toBe(400)
    const body = JSON.stringify(online.body)
    expect(body).toContain('online')
    expect(body).toContain('lastDataAt')
  })

  it('accepts an update that sends the current values back unchanged (as the admin form does)', async () => {
    const current = await payload.findByID({ collection: 'pumps', id: world.pumps.ofA.id, depth: 0 })
    const response = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, {
      token: world.tokens.service,
      body: { status: current.status, online: current.online, note: 'same status, new note' },
    })
    expect(response.status).toBe(200)
  })

  it('lets the owning flow change them (Local API with the flow context)', async () => {
    const id = await fresh.pump()
    const updated = await payload.update({
      collection: 'pumps',
      id,
      data: { status: 'produced' },
      context: { [PUMP_FLOW_CONTEXT_KEY]: 'lifecycle' },
    })
    expect(updated.status).toBe('produced')
  })

  it('refuses a status write through GraphQL', async () => {
    const response = await gql(`mutation { updatePump(id: ${world.pumps.unclaimed.id}, data: { status: released }) { status } }`, {
      token: world.tokens.admin,
    })
    expect(JSON.stringify(response.body)).toMatch(/status/i)
    expect(response.body.errors?.length).toBeGreaterThan(0)
    const pump = await payload.findByID({ collection: 'pumps', id: world.pumps.unclaimed.id })
    expect(pump.status).toBe('created')
  })
})

describe('GraphQL follows the same rules', () => {
  it("a partner cannot read another partner's pump", async () => {
    const list = await gql('{ Pumps(limit: 0) { docs { id serial } } }', { token: world.tokens.partner })
    expect(list.body.data.Pumps.docs.map((d: { id: Id }) => d.id)).toEqual([world.pumps.ofA.id])
    const other = await gql(`{ Pump(id: ${world.pumps.ofB.id}) { serial } }`, { token: world.tokens.partner })
    expect(other.body.data?.Pump ?? null).toBeNull()
  })
})

describe('manuals', () => {
  it('anyone downloads a manual by its link, and only PDFs are accepted', async () => {
    const id = await fresh.manual()
    const manual = await payload.findByID({ collection: 'manuals', id })
    const url = new URL(manual.url!, 'http://localhost:3000')
    const file = await rest('GET', url.pathname.replace(/^\/api/, ''))
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain('application/pdf')
    await expect(
      payload.create({
        collection: 'manuals',
        data: { title: 'not a pdf' },
        file: { data: Buffer.from('plain text'), mimetype: 'text/plain', name: 'notes.txt', size: 10 },
      }),
    ).rejects.toThrow()
  })
})

describe('users', () => {
  it('the first account ever created becomes an administrator, whatever role it asked for', async () => {
    await payload.db.deleteMany({ collection: 'users', where: {} })
    try {
      const response = await rest('POST', '/users/first-register', {
        body: { email: `${unique('first')}@test.local`, password: 'first-admin-1', role: 'partner' },
      })
      expect(response.status).toBe(200)
      expect(response.body.user.role).toBe('admin')
      const second = await payload.create({
        collection: 'users',
        data: { email: `${unique('second')}@test.local`, password: 'second-user-1', role: 'service' },
      })
      expect(second.role).toBe('service')
    } finally {
      // Put the world's accounts back for the tests that follow.
      world = await createWorld(payload)
    }
  })

  it('a partner account must name its company', async () => {
    const response = await rest('POST', '/users', {
      token: world.tokens.admin,
      body: { email: `${unique('p')}@test.local`, password: 'partner-pass-1', role: 'partner' },
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toContain('A partner account needs its partner company')
  })

  it('only an admin changes roles', async () => {
    const self = await rest('PATCH', `/users/${world.users.service.id}`, { token: world.tokens.service, body: { role: 'admin' } })
    expect([403, 404]).toContain(self.status)
    const byAdmin = await rest('PATCH', `/users/${world.users.service.id}`, { token: world.tokens.admin, body: { role: 'admin' } })
    expect(byAdmin.status).toBe(200)
    expect(byAdmin.body.doc.role).toBe('admin')
  })
})

describe('partners', () => {
  it('get a generated partner ID and are found by it or by part of the name', async () => {
    const { partnerA } = world
    expect(partnerA.partnerId).toMatch(/^P-\d{5}$/)
    const byId = await rest('GET', `/partners?where[title][like]=${encodeURIComponent(partnerA.partnerId!)}`, { token: world.tokens.service })
    expect(byId.body.docs.map((d: { id: Id }) => d.id)).toContain(partnerA.id)
    const byName = await rest('GET', `/partners?where[title][like]=${encodeURIComponent(`montazh ${world.tag}`)}`, { token: world.tokens.service })
    expect(byName.body.docs.map((d: { id: Id }) => d.id)).toEqual([partnerA.id])
    const tampered = await rest('PATCH', `/partners/${partnerA.id}`, { token: world.tokens.admin, body: { partnerId: 'P-00000' } })
    expect(tampered.status).toBe(200)
    expect(tampered.body.doc.partnerId).toBe(partnerA.partnerId)
  })
})

describe('secrets', () => {
  it('no response in this file carried a password, a password hash or a salt', async () => {
    // Ask for them explicitly too.
    for (const role of ['admin', 'service'] as const) {
      await rest('GET', `/pumps/${world.pumps.ofA.id}?depth=2`, { token: world.tokens[role] })
      await rest('GET', '/users?limit=0', { token: world.tokens[role] })
      await rest('GET', '/buyers?limit=0', { token: world.tokens[role] })
    }
    const asked = await gql(`{ Pump(id: ${world.pumps.ofA.id}) { serial passwordHash } }`, { token: world.tokens.admin })
    // Hidden fields exist in the GraphQL schema but always resolve to null.
    expect(asked.body.data?.Pump?.passwordHash ?? null).toBeNull()
    expect(receivedBodies.length).toBeGreaterThan(200)
    for (const body of receivedBodies) {
      expect(body).not.toMatch(/\$2[aby]\$\d\d\$/)
      expect(body).not.toMatch(/"(hash|salt|passwordHash)"\s*:\s*"/)
      expect(body).not.toMatch(/"password"\s*:\s*"/)
      expect(body).not.toContain('pump-secret-1')
    }
  })
})
