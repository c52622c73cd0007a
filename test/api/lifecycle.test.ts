// The lifecycle through REST: transitions per role, password confirmation and lockout, collected data, the admin's
// override, history in the same transaction, concurrency, and the modem's first connection.
import bcrypt from 'bcryptjs'
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { PUMP_FLOW_CONTEXT_KEY } from '../../src/domain/flow'
import { PUMP_STATUSES, type PumpStatus } from '../../src/domain/lifecycle'
import { commissionOnFirstConnection, importStatus } from '../../src/services/lifecycle'
import { createWorld, localUser, unique, type World } from '../support/fixtures'
import { closePayload, gql, login, receivedBodies, rest, startPayload } from '../support/payload'

let payload: Payload
let world: World

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
})
afterAll(async () => {
  await closePayload(payload)
})

/** A pump of partner A walked by an import along the statuses up to the given one: one event per step. */
async function pumpAt(status: PumpStatus, extra: Record<string, unknown> = {}) {
  const pump = await payload.create({
    collection: 'pumps',
    data: { serial: unique('LC'), model: world.model.id, responsiblePartner: world.partnerA.id, ...extra } as never,
  })
  for (const step of PUMP_STATUSES.slice(1, PUMP_STATUSES.indexOf(status) + 1)) await importStatus(payload, pump.id, step)
  return pump.id
}

async function cardOf(id: number) {
  return payload.findByID({ collection: 'pumps', id, depth: 0, showHiddenFields: true })
}

async function eventsOf(id: number) {
  return (await payload.find({ collection: 'pumpEvents', where: { pump: { equals: id } }, sort: '-at', depth: 0, limit: 0 }))
    .docs
}

type As = { token?: string; language?: 'en' | 'ru' }
/** The "Next status" call with the caller's right password; a service engineer unless `as` says otherwise. */
const advance = (id: number, body: Record<string, unknown>, as: As = { token: world.tokens.service }) =>
  rest('POST', `/pumps/${id}/advance`, { token: as.token, body: { password: world.password, ...body }, language: as.language })

/** The field paths a 400 names. */
function paths(body: any): string[] {
  return (body.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path)
}

describe('a service engineer walks a pump through its life', () => {
  it('produces it: model, production date and a generated password shown once and kept only as a hash', async () => {
    const id = await pumpAt('created', { model: null })
    const response = await advance(id, { data: { model: world.model.id, productionDate: '2026-11-20T09:00:00Z' } })
    expect(response.status).toBe(200)
    expect(response.body.doc.status).toBe('produced')
    expect(response.body.doc.productionDate).toBe('2026-11-20T09:00:00.000Z')
    expect(response.body.doc.model).toBe(world.model.id)
    expect(response.body.generatedPassword).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    expect(response.body.doc).not.toHaveProperty('passwordHash')
    expect(response.body.doc).not.toHaveProperty('password')
    const card = await cardOf(id)
    expect(await bcrypt.compare(response.body.generatedPassword, card.passwordHash!)).toBe(true)
    // The history keeps what was collected, never the password.
    const [event] = await eventsOf(id)
    expect(event).toMatchObject({ from: 'created', to: 'produced', actor: 'user', user: world.users.service.id, source: 'button' })
    expect(event.actorName).toBe(`${world.users.service.name} (${world.users.service.email})`)
    expect(event.data).toEqual({ model: world.model.id, productionDate: '2026-11-20T09:00:00.000Z' })
    expect(JSON.stringify(event)).not.toContain(response.body.generatedPassword)
    // Shown once: nothing returns it again.
    const again = await rest('GET', `/pumps/${id}`, { token: world.tokens.admin })
    expect(JSON.stringify(again.body)).not.toContain(response.body.generatedPassword)
    // Producing also issues the modem's device key (its MQTT password), shown this once too.
    const key = response.body.generatedDeviceKey
    expect(key).toMatch(/^[\w-]{22}$/)
    expect(JSON.stringify(again.body)).not.toContain(key)
    const broker = await rest('POST', '/mqtt/auth', { body: { username: card.serial, password: key } })
    expect(broker.body).toMatchObject({ result: 'allow', ok: true })
  })

  it('staff reissue a device key with their password; the old one stops working', async () => {
    const id = await pumpAt('created')
    const first = (await advance(id, {})).body.generatedDeviceKey
    const { serial } = await cardOf(id)
    const reissue = (token: string | undefined, password: string) =>
      rest('POST', `/pumps/${id}/device-key`, { token, body: { password } })
    expect((await reissue(world.tokens.partner, world.password)).status).toBe(403)
    expect((await reissue(world.tokens.service, 'wrong-password')).status).toBe(403)
    const response = await reissue(world.tokens.service, world.password)
    expect(response.status).toBe(200)
    const auth = (password: string) => rest('POST', '/mqtt/auth', { body: { username: serial, password } })
    expect((await auth(response.body.deviceKey)).body.ok).toBe(true)
    expect((await auth(first)).body.ok).toBe(false)
  })

  it('takes a typed pump password instead, and does not echo it', async () => {
    const id = await pumpAt('created')
    const response = await advance(id, { data: { password: 'label-pass-42' } })
    expect(response.status).toBe(200)
    expect(response.body).not.toHaveProperty('generatedPassword')
    expect(JSON.stringify(response.body)).not.toContain('label-pass-42')
    expect(await bcrypt.compare('label-pass-42', (await cardOf(id)).passwordHash!)).toBe(true)
  })

  it('goes all the way, each step landing its data in the card and one history event', async () => {
    const id = await pumpAt('created')
    const steps: [PumpStatus | undefined, Record<string, unknown>, PumpStatus, Record<string, unknown>][] = [
      [undefined, {}, 'produced', {}],
      [undefined, { releaseDate: '2026-11-21T10:00:00Z' }, 'released', { releaseDate: '2026-11-21T10:00:00.000Z' }],
      [
        'shipped',
        { consignee: 'ООО «Тепло-Монтаж»', waybillNumber: 'ТТН-000123' },
        'shipped',
        { consignee: 'ООО «Тепло-Монтаж»', waybillNumber: 'ТТН-000123' },
      ],
      [undefined, { commissioningDate: '2026-11-25T12:00:00Z' }, 'in_operation', { commissioningDate: '2026-11-25T12:00:00.000Z' }],
      [undefined, { serviceReason: 'Компрессор шумит' }, 'in_service', { serviceReason: 'Компрессор шумит' }],
      ['in_operation', {}, 'in_operation', {}],
      [undefined, { serviceReason: 'Течь' }, 'in_service', { serviceReason: 'Течь' }],
      [
        'decommissioned',
        { decommissioningReason: 'Замена оборудования' },
        'decommissioned',
        { decommissioningReason: 'Замена оборудования' },
      ],
    ]
    for (const [to, data, expected, card] of steps) {
      const response = await advance(id, { to, data })
      expect({ step: expected, status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({
        step: expected,
        status: 200,
        body: 'ok',
      })
      expect(response.body.doc).toMatchObject({ status: expected, ...card })
      expect(response.body.event).toMatchObject({ to: expected, source: 'button' })
    }
    const card = await cardOf(id)
    expect(card.shipmentDate).toBeTruthy() // defaulted to now
    expect(card.decommissioningDate).toBeTruthy()
    const events = await eventsOf(id)
    expect(events.map((event) => event.to)).toEqual(steps.map(([, , expected]) => expected).reverse())
    expect(events.map((event) => event.from)).toEqual(
      ['created', ...steps.map(([, , expected]) => expected)].slice(0, -1).reverse(),
    )
    // From the final status there is nowhere to go.
    const final = await advance(id, {})
    expect(final.status).toBe(409)
    expect(final.body.errors[0].message).toMatch(/final status/)
  })

  it('offers "put into operation" for a released pump without remote access, and asks which one when two are allowed', async () => {
    const id = await pumpAt('released')
    const ambiguous = await advance(id, {})
    expect(ambiguous.status).toBe(400)
    expect(paths(ambiguous.body)).toEqual(['to'])
    expect(ambiguous.body.errors[0].data.errors[0].message).toMatch(/shipped.*in_operation/)
    const response = await advance(id, { to: 'in_operation' })
    expect(response.status).toBe(200)
    expect(response.body.doc.status).toBe('in_operation')
    expect(response.body.doc.commissioningDate).toBeTruthy()
  })

  it('an administrator may use the button too', async () => {
    const id = await pumpAt('produced')
    const response = await advance(id, {}, { token: world.tokens.admin })
    expect(response.status).toBe(200)
    expect(response.body.event.user).toBe(world.users.admin.id)
  })
})

describe('refusals leave the pump as it was', () => {
  async function unchanged(id: number, status: PumpStatus, eventCount: number) {
    expect((await cardOf(id)).status).toBe(status)
    expect(await eventsOf(id)).toHaveLength(eventCount)
  }

  it('skipping a status, going back, or an unknown status', async () => {
    const id = await pumpAt('produced')
    const skip = await advance(id, { to: 'shipped' })
    expect(skip.status).toBe(409)
    expect(skip.body.errors[0].message).toMatch(/released/)
    const back = await advance(id, { to: 'created' })
    expect(back.status).toBe(409)
    const unknown = await advance(id, { to: 'broken' })
    expect(unknown.status).toBe(400)
    expect(paths(unknown.body)).toEqual(['to'])
    await unchanged(id, 'produced', 1)
  })

  it('missing required data: 400 naming each field', async () => {
    const id = await pumpAt('released')
    const response = await advance(id, { to: 'shipped', data: { shipmentDate: 'someday', colour: 'red' } })
    expect(response.status).toBe(400)
    expect(paths(response.body).sort()).toEqual(['data.colour', 'data.consignee', 'data.shipmentDate', 'data.waybillNumber'])
    const ru = await advance(id, { to: 'shipped', data: {} }, { token: world.tokens.service, language: 'ru' })
    expect(ru.status).toBe(400)
    expect(ru.body.errors[0].data.errors[0].message).toBe('Обязательно для этого перехода')
    const reason = await advance(await pumpAt('in_operation'), { data: { serviceReason: '   ' } })
    expect(paths(reason.body)).toEqual(['data.serviceReason'])
    await unchanged(id, 'released', 2)
  })

  it('a model that does not exist, a short pump password, data that is not an object', async () => {
    const id = await pumpAt('created')
    expect(paths((await advance(id, { data: { model: 999999 } })).body)).toEqual(['data.model'])
    expect(paths((await advance(id, { data: { password: 'abc' } })).body)).toEqual(['data.password'])
    expect(paths((await advance(id, { data: 'model=1' })).body)).toEqual(['data'])
    await unchanged(id, 'created', 0)
  })

  it('partners, owners and anonymous callers cannot change a status, even of their own pump', async () => {
    const id = world.pumps.ofA.id // partner A's, owner X's, in operation
    for (const role of ['partner', 'owner', 'anonymous'] as const) {
      const response = await advance(id, { data: { serviceReason: 'x' } }, { token: world.tokens[role] })
      expect({ role, status: response.status }).toEqual({ role, status: 403 })
    }
    const setByPartner = await rest('POST', `/pumps/${id}/set-status`, {
      token: world.tokens.partner,
      body: { password: world.password, status: 'decommissioned', comment: 'x' },
    })
    expect(setByPartner.status).toBe(403)
    expect((await cardOf(id)).status).toBe('in_operation')
  })

  it('a pump that does not exist: 404', async () => {
    expect((await advance(99999999, {})).status).toBe(404)
    expect((await rest('GET', '/pumps/99999999/transitions', { token: world.tokens.service })).status).toBe(404)
  })

  it('a plain update of the status or collected data is refused, by every path and role', async () => {
    const id = await pumpAt('released')
    for (const body of [{ status: 'in_operation' }, { consignee: 'Someone' }, { commissioningDate: '2026-11-01T00:00:00Z' }]) {
      const response = await rest('PATCH', `/pumps/${id}`, { token: world.tokens.admin, body })
      expect(response.status).toBe(400)
      expect(paths(response.body)).toEqual(Object.keys(body))
    }
    const graphql = await gql(`mutation { updatePump(id: ${id}, data: { status: in_operation }) { status } }`, {
      token: world.tokens.admin,
    })
    expect(graphql.body.errors?.[0]?.message).toBeTruthy()
    await expect(
      payload.update({ collection: 'pumps', id, data: { status: 'in_operation' }, overrideAccess: false, user: localUser(world, 'admin') }),
    ).rejects.toThrow(/status/i)
    // Not even the modem ingestion's flow may set a status: only the lifecycle's.
    await expect(
      payload.update({ collection: 'pumps', id, data: { status: 'in_operation' }, context: { [PUMP_FLOW_CONTEXT_KEY]: 'ingest' } }),
    ).rejects.toThrow(/status/i)
    await unchanged(id, 'released', 2)
  })
})

describe('password confirmation', () => {
  async function serviceAccount() {
    const email = `${unique('svc')}@test.local`.toLowerCase()
    const user = await payload.create({ collection: 'users', data: { email, password: world.password, role: 'service' } })
    return { user, email, token: await login('users', { email, password: world.password }) }
  }
  const attempts = async (id: number) =>
    (await payload.db.findOne<{ id: number; loginAttempts?: number; lockUntil?: string | null }>({
      collection: 'users',
      where: { id: { equals: id } },
    }))!

  it('a wrong password: 403 with a clear message, no change, and it counts as a failed login', async () => {
    const { user, token } = await serviceAccount()
    const id = await pumpAt('produced')
    const response = await rest('POST', `/pumps/${id}/advance`, { token, body: { password: 'not-my-password' } })
    expect(response.status).toBe(403)
    expect(response.body.errors[0].message).toBe('Wrong password: the status was not changed')
    const ru = await rest('POST', `/pumps/${id}/advance`, { token, body: { password: 'nope' }, language: 'ru' })
    expect(ru.body.errors[0].message).toBe('Неверный пароль: статус не изменён')
    expect((await attempts(user.id)).loginAttempts).toBe(2)
    expect((await cardOf(id)).status).toBe('produced')
    expect(await eventsOf(id)).toHaveLength(1)
    // A right one clears the count, as a login does.
    expect((await rest('POST', `/pumps/${id}/advance`, { token, body: { password: world.password } })).status).toBe(200)
    expect((await attempts(user.id)).loginAttempts).toBe(0)
  })

  it('no password at all: 400 naming it', async () => {
    const id = await pumpAt('produced')
    const response = await rest('POST', `/pumps/${id}/advance`, { token: world.tokens.service, body: {} })
    expect(response.status).toBe(400)
    expect(paths(response.body)).toEqual(['password'])
  })

  it('five wrong passwords lock the account: no login, no transition, even with the right password', async () => {
    const { email, token } = await serviceAccount()
    const id = await pumpAt('produced')
    for (let i = 0; i < 5; i++) {
      expect((await rest('POST', `/pumps/${id}/advance`, { token, body: { password: `wrong-${i}` } })).status).toBe(403)
    }
    const locked = await rest('POST', `/pumps/${id}/advance`, { token, body: { password: world.password } })
    expect(locked.status).toBe(403)
    // The locked account's token itself no longer counts (issue 9, 21): the request is anonymous now.
    expect((await rest('GET', '/users/me', { token })).body.user).toBeNull()
    const loginAttempt = await rest('POST', '/users/login', { body: { email, password: world.password } })
    expect(loginAttempt.status).not.toBe(200)
    expect((await cardOf(id)).status).toBe('produced')
  })

  it('confirming does not open a login session', async () => {
    const { user, token } = await serviceAccount()
    const sessions = async () => ((await payload.db.findOne<any>({ collection: 'users', where: { id: { equals: user.id } } }))?.sessions ?? []).length
    const before = await sessions()
    expect((await rest('POST', `/pumps/${await pumpAt('produced')}/advance`, { token, body: { password: world.password } })).status).toBe(200)
    expect(await sessions()).toBe(before)
  })
})

describe("the administrator's override", () => {
  const setStatus = (id: number, body: Record<string, unknown>, token = world.tokens.admin) =>
    rest('POST', `/pumps/${id}/set-status`, { token, body: { password: world.password, ...body } })

  it('sets any status with a comment, recorded as an override', async () => {
    const id = await pumpAt('created')
    const response = await setStatus(id, { status: 'in_operation', comment: 'Imported from the old registry' })
    expect(response.status).toBe(200)
    expect(response.body.doc.status).toBe('in_operation')
    const [event] = await eventsOf(id)
    expect(event).toMatchObject({
      from: 'created',
      to: 'in_operation',
      source: 'admin_override',
      user: world.users.admin.id,
      comment: 'Imported from the old registry',
    })
  })

  it('needs the comment, a real status different from the current one, the password, and an administrator', async () => {
    const id = await pumpAt('shipped')
    expect(paths((await setStatus(id, { status: 'created' })).body)).toEqual(['comment'])
    expect(paths((await setStatus(id, { status: 'lost', comment: 'x' })).body)).toEqual(['status'])
    expect(paths((await setStatus(id, { status: 'shipped', comment: 'x' })).body)).toEqual(['status'])
    expect((await setStatus(id, { status: 'created', comment: 'x', password: 'wrong' })).status).toBe(403)
    expect((await setStatus(id, { status: 'created', comment: 'x' }, world.tokens.service)).status).toBe(403)
    expect((await cardOf(id)).status).toBe('shipped')
  })
})

describe('what the caller may do now (GET /transitions)', () => {
  it('a service engineer gets the allowed moves with their fields and defaults, in the caller’s language', async () => {
    const id = await pumpAt('released')
    const response = await rest('GET', `/pumps/${id}/transitions`, { token: world.tokens.service, language: 'ru' })
    expect(response.status).toBe(200)
    expect(response.body.status).toBe('released')
    expect(response.body.statusLabel).toBe('Выпущен')
    expect(response.body.setStatus).toBeNull()
    expect(response.body.transitions.map((t: any) => [t.to, t.action])).toEqual([
      ['shipped', 'advance'],
      ['in_operation', 'putIntoOperation'],
    ])
    const ship = response.body.transitions[0]
    expect(ship.label).toBe('Следующий статус: Отгружен')
    expect(ship.fields.map((f: any) => [f.name, f.type, f.required])).toEqual([
      ['shipmentDate', 'date', true],
      ['consignee', 'text', true],
      ['waybillNumber', 'text', true],
    ])
    expect(Date.parse(ship.fields[0].defaultValue)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('the produce form lists the models and defaults to the pump’s own', async () => {
    const id = await pumpAt('created')
    const response = await rest('GET', `/pumps/${id}/transitions`, { token: world.tokens.service })
    const model = response.body.transitions[0].fields.find((f: any) => f.name === 'model')
    expect(model.defaultValue).toBe(world.model.id)
    expect(model.options).toEqual(expect.arrayContaining([{ value: world.model.id, label: world.model.name }]))
  })

  it('an administrator also gets every other status to set', async () => {
    const response = await rest('GET', `/pumps/${await pumpAt('shipped')}/transitions`, { token: world.tokens.admin })
    expect(response.body.setStatus.statuses.map((s: any) => s.value)).toEqual([
      'created',
      'produced',
      'released',
      'in_operation',
      'in_service',
      'decommissioned',
    ])
  })

  it('partners and owners get nothing to do; another partner’s pump is not found', async () => {
    for (const role of ['partner', 'owner'] as const) {
      const response = await rest('GET', `/pumps/${world.pumps.ofA.id}/transitions`, { token: world.tokens[role] })
      expect(response.status).toBe(200)
      expect(response.body.transitions).toEqual([])
      expect(response.body.setStatus).toBeNull()
    }
    expect((await rest('GET', `/pumps/${world.pumps.ofB.id}/transitions`, { token: world.tokens.partner })).status).toBe(404)
  })
})

describe('history', () => {
  it('the pump card shows it newest first to staff and the responsible partner, never to the owner', async () => {
    const id = await pumpAt('shipped', { owner: world.ownerX.id })
    const staffView = await rest('GET', `/pumps/${id}?depth=1`, { token: world.tokens.service })
    expect(staffView.body.history.docs.map((event: any) => event.to)).toEqual(['shipped', 'released', 'produced'])
    const partnerView = await rest('GET', `/pumps/${id}?depth=1`, { token: world.tokens.partner })
    expect(partnerView.body.history.docs).toHaveLength(3)
    const ownerView = await rest('GET', `/pumps/${id}`, { token: world.tokens.owner })
    expect(ownerView.status).toBe(200)
    expect(ownerView.body).not.toHaveProperty('history')
    expect(ownerView.body).not.toHaveProperty('consignee')
  })

  it('a partner lists the events of its own pumps only', async () => {
    const mine = await pumpAt('produced')
    const theirs = await pumpAt('produced', { responsiblePartner: world.partnerB.id })
    const response = await rest('GET', '/pumpEvents?limit=0&depth=0', { token: world.tokens.partner })
    const pumps = new Set(response.body.docs.map((event: any) => event.pump))
    expect(pumps.has(mine)).toBe(true)
    expect(pumps.has(theirs)).toBe(false)
  })

  it('the change and its event land together or not at all', async () => {
    const id = await pumpAt('produced')
    const db = (payload.db as any).drizzle
    await db.execute(sql.raw(`
      create or replace function refuse_event() returns trigger language plpgsql as $$
      begin raise exception 'history is unavailable'; end $$;
      create trigger refuse_event before insert on pump_events for each row when (new.pump_id = ${id})
      execute function refuse_event();`))
    try {
      const response = await advance(id, {})
      expect(response.status).toBe(500)
    } finally {
      await db.execute(sql.raw('drop trigger refuse_event on pump_events; drop function refuse_event();'))
    }
    await expect(cardOf(id)).resolves.toMatchObject({ status: 'produced', releaseDate: null })
    expect(await eventsOf(id)).toHaveLength(1)
  })

  it('deleting a pump deletes its history', async () => {
    const id = await pumpAt('released')
    expect((await rest('DELETE', `/pumps/${id}`, { token: world.tokens.admin })).status).toBe(200)
    expect(await eventsOf(id)).toHaveLength(0)
  })
})

describe('two people press the button at once', () => {
  it('exactly one wins; the other is told the status moved on; one event', async () => {
    const id = await pumpAt('produced')
    const responses = await Promise.all([
      advance(id, {}, { token: world.tokens.service }),
      advance(id, {}, { token: world.tokens.admin }),
      advance(id, {}, { token: world.tokens.service }),
    ])
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).toEqual([200, 409, 409])
    expect((await cardOf(id)).status).toBe('released')
    expect((await eventsOf(id)).filter((event) => event.to === 'released')).toHaveLength(1)
  })
})

describe('commissioning on the first connection', () => {
  it('puts a released or shipped pump into operation, once, recorded as the modem', async () => {
    for (const status of ['released', 'shipped'] as const) {
      const id = await pumpAt(status)
      const { serial } = await cardOf(id)
      const at = new Date('2026-11-27T06:00:00.000Z')
      expect(await commissionOnFirstConnection(payload, serial, at)).toBe(true)
      expect(await commissionOnFirstConnection(payload, serial, new Date())).toBe(false)
      const card = await cardOf(id)
      expect(card.status).toBe('in_operation')
      expect(card.commissioningDate).toBe(at.toISOString())
      const event = (await eventsOf(id)).find((candidate) => candidate.source === 'modem')
      expect(event).toMatchObject({ from: status, to: 'in_operation', actor: 'modem', user: null, actorName: null })
      expect(event!.at).toBe(at.toISOString())
    }
  })

  it('is safe when called twice at once', async () => {
    const id = await pumpAt('shipped')
    const { serial } = await cardOf(id)
    const results = await Promise.all([1, 2, 3].map(() => commissionOnFirstConnection(payload, serial, new Date())))
    expect(results.filter(Boolean)).toHaveLength(1)
    expect((await eventsOf(id)).filter((event) => event.source === 'modem')).toHaveLength(1)
  })

  it('leaves other statuses and unknown serials alone', async () => {
    for (const status of ['created', 'produced', 'in_service', 'decommissioned'] as const) {
      const id = await pumpAt(status)
      expect(await commissionOnFirstConnection(payload, (await cardOf(id)).serial, new Date())).toBe(false)
      expect((await cardOf(id)).status).toBe(status)
    }
    expect(await commissionOnFirstConnection(payload, 'NO-SUCH-SERIAL', new Date())).toBe(false)
  })
})

it('no response carried a password hash or a salt', () => {
  expect(receivedBodies.length).toBeGreaterThan(50)
  for (const body of receivedBodies) {
    expect(body).not.toMatch(/\$2[aby]\$\d\d\$/)
    expect(body).not.toMatch(/"(hash|salt|passwordHash)"\s*:\s*"/)
    expect(body).not.toContain(world.password)
  }
})
