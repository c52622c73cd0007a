// The access table of the foundation issue as data: every role × collection × operation, with the outcome expected,
// and the two ways a cell is tried (REST with a real login, the Local API with overrideAccess: false).
import { localUser, unique, type Role, type World } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, world } from '../support/world-suite'
import { fresh, freeCountryCode, made, russiaId, type Id } from './access-fresh'
import { alarmRows } from './access-table-alarms'

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
  | 'alarms'
  | 'notifications'
  | 'devices'
  | 'registrationAttempts'
  | 'feedback'
  | 'phoneCodes'
export type Operation = 'list' | 'read' | 'create' | 'update' | 'delete'
export type Outcome = 'allow' | 'deny'

export type Cell = {
  collection: Slug
  role: Role
  operation: Operation
  expect: Outcome
  /** The document read, updated or deleted; made fresh for each attempt where the attempt may consume it. */
  target?: (w: World) => Promise<Id> | Id
  data?: (w: World) => Record<string, unknown>
}

const createData: Partial<Record<Slug, (w: World) => Record<string, unknown>>> = {
  users: (w) => ({ email: `${unique('new')}@test.local`, password: w.password, role: 'service' }),
  partners: () => ({ name: unique('New partner') }),
  buyers: (w) => ({
    phone: `+7915${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    username: '',
    password: w.password,
  }),
  models: () => ({ name: unique('New model'), code: unique('NM') }),
  countries: () => ({ code: '', name: unique('New country') }),
  regions: () => ({ code: unique('XX-R'), name: unique('Region'), timezone: 'Europe/Moscow' }),
  objectTypes: () => ({ code: unique('type'), name: unique('Type') }),
  pumps: () => ({ serial: unique('NEW') }),
  pumpEvents: (w) => ({
    pump: w.pumps.ofA.id,
    at: new Date().toISOString(),
    to: 'in_service',
    actor: 'user',
    source: 'button',
  }),
  alarms: (w) => ({
    pump: w.pumps.ofA.id,
    code: unique('E'),
    severity: 'critical',
    raisedAt: new Date().toISOString(),
  }),
  devices: (w) => ({ buyer: w.ownerX.id, token: unique('forged-token-'), language: 'ru' }),
  registrationAttempts: () => ({ flow: 'partner_claim', serial: 'FORGED', outcome: 'claimed' }),
  feedback: (w) => ({ buyer: w.ownerX.id, email: 'forged@example.com', message: 'forged' }),
  phoneCodes: () => ({
    phone: '+79120000000',
    codeHash: 'forged',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  }),
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
  notifications: { state: 'sent' },
  alarms: { acknowledgedAt: new Date().toISOString(), comment: 'acknowledged past the endpoint' },
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

export const table: Cell[] = [
  // users: admin all; service and partner read themselves only.
  ...row(
    'users',
    { list: ['admin', 'service', 'partner'], read: ['admin'], create: ['admin'], update: ['admin'], delete: ['admin'] },
    {
      read: (w) => w.users.otherPartner.id,
      write: (w) => fresh.user(w),
    },
  ),
  // partners: admin all; service read + update; partner reads its own company.
  ...row(
    'partners',
    { list: ['admin', 'service', 'partner'], read: staff, create: ['admin'], update: staff, delete: ['admin'] },
    {
      read: (w) => w.partnerB.id,
      write: () => fresh.partner(),
    },
  ),
  // buyers: admin all; service read, create, update; the owner their own record.
  ...row(
    'buyers',
    { list: ['admin', 'service', 'owner'], read: staff, create: staff, update: staff, delete: ['admin'] },
    {
      read: (w) => w.ownerY.id,
      write: (w) => fresh.buyer(w),
    },
  ),
  // models, manuals, reference lists: everyone reads, admins write.
  ...row(
    'models',
    { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] },
    {
      read: (w) => w.model.id,
      write: () => fresh.model(),
    },
  ),
  ...row(
    'countries',
    { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] },
    {
      read: async () => (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } } })).docs[0].id,
      write: () => fresh.country(),
    },
  ),
  ...row(
    'objectTypes',
    { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] },
    {
      read: async () => (await payload.find({ collection: 'objectTypes', limit: 1 })).docs[0].id,
      write: () => fresh.objectType(),
    },
  ),
  // pumps: admin all; service read, create, update; partner and owner only their own (below).
  ...row(
    'pumps',
    { list: ['admin', 'service', 'partner', 'owner'], read: staff, create: staff, update: staff, delete: ['admin'] },
    {
      read: (w) => w.pumps.ofB.id,
      write: () => fresh.pump(),
    },
  ),
]

// History: staff read all of it, a partner the history of its own pumps (below); nobody writes it through the API.
table.push(
  ...row(
    'pumpEvents',
    { list: ['admin', 'service', 'partner'], read: staff },
    {
      read: (w) => fresh.pumpEvent(w.pumps.ofB.id),
      write: (w) => fresh.pumpEvent(w.pumps.ofA.id),
    },
  ),
)

table.push(...alarmRows(row))

// The registration audit log and owners' feedback: staff read them (staff mark feedback handled); phone codes: nobody.
table.push(
  ...row(
    'registrationAttempts',
    { list: staff, read: staff, delete: ['admin'] },
    { read: () => made.attempt(), write: () => made.attempt() },
  ),
  ...row(
    'feedback',
    { list: staff, read: staff, update: staff, delete: ['admin'] },
    {
      read: (w) => made.feedback(w),
      write: (w) => made.feedback(w),
    },
  ),
  ...row('phoneCodes', {}, { read: () => made.phoneCode(), write: () => made.phoneCode() }),
)

// Manuals are uploads: created in the admin with a file (covered below), read by anyone.
table.push(
  ...row(
    'manuals',
    { list: everyone, read: everyone, update: ['admin'], delete: ['admin'] },
    {
      read: () => fresh.manual(),
      write: () => fresh.manual(),
    },
  ),
)

// Regions need a country; they are written with one of the test's own.
table.push(
  ...row(
    'regions',
    { list: everyone, read: everyone, create: ['admin'], update: ['admin'], delete: ['admin'] },
    {
      read: async () =>
        (await payload.find({ collection: 'regions', where: { code: { equals: 'RU-SVE' } } })).docs[0].id,
      write: () => made.region(),
    },
  ),
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

export async function viaRest(cell: Cell): Promise<Outcome> {
  const token = world.tokens[cell.role]
  const id =
    cell.target && cell.operation !== 'list' && cell.operation !== 'create' ? await cell.target(world) : undefined
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

export async function viaLocal(cell: Cell): Promise<Outcome> {
  const common = { collection: cell.collection, overrideAccess: false, user: localUser(world, cell.role) } as const
  const id =
    cell.target && cell.operation !== 'list' && cell.operation !== 'create' ? await cell.target(world) : undefined
  try {
    if (cell.operation === 'list') await payload.find({ ...common })
    else if (cell.operation === 'read') await payload.findByID({ ...common, id: id! })
    else if (cell.operation === 'create') await payload.create({ ...common, data: (await dataFor(cell)) as never })
    else if (cell.operation === 'update')
      await payload.update({ ...common, id: id!, data: (await dataFor(cell)) as never })
    else await payload.delete({ ...common, id: id! })
    return 'allow'
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 401 || status === 403 || status === 404) return 'deny'
    throw error
  }
}
