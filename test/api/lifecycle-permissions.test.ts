// Who may change a status, and how they confirm it: the password confirmation (a wrong one counts as a failed
// login, five lock the account), the administrator's override (set-status), and what GET /transitions offers.
import { unique } from '../support/fixtures'
import { login, rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { cardOf, eventsOf, expectNoSecrets, paths, pumpAt } from './lifecycle-support'

useWorld()

describe('password confirmation', () => {
  async function serviceAccount() {
    const email = `${unique('svc')}@test.local`.toLowerCase()
    const user = await payload.create({
      collection: 'users',
      data: { email, password: world.password, role: 'service' },
    })
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
    const sessions = async () =>
      (
        (
          await payload.db.findOne<{ id: number; sessions?: unknown[] }>({
            collection: 'users',
            where: { id: { equals: user.id } },
          })
        )?.sessions ?? []
      ).length
    const before = await sessions()
    expect(
      (await rest('POST', `/pumps/${await pumpAt('produced')}/advance`, { token, body: { password: world.password } }))
        .status,
    ).toBe(200)
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
    expect(response.body.transitions.map((t: { to: string; action: string }) => [t.to, t.action])).toEqual([
      ['shipped', 'advance'],
      ['in_operation', 'putIntoOperation'],
    ])
    const ship = response.body.transitions[0]
    expect(ship.label).toBe('Следующий статус: Отгружен')
    expect(
      ship.fields.map((f: { name: string; type: string; required: boolean }) => [f.name, f.type, f.required]),
    ).toEqual([
      ['shipmentDate', 'date', true],
      ['consignee', 'text', true],
      ['waybillNumber', 'text', true],
    ])
    expect(Date.parse(ship.fields[0].defaultValue)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('the produce form lists the models and defaults to the pump’s own', async () => {
    const id = await pumpAt('created')
    const response = await rest('GET', `/pumps/${id}/transitions`, { token: world.tokens.service })
    const model = response.body.transitions[0].fields.find((f: { name: string }) => f.name === 'model')
    expect(model.defaultValue).toBe(world.model.id)
    expect(model.options).toEqual(expect.arrayContaining([{ value: world.model.id, label: world.model.name }]))
  })

  it('an administrator also gets every other status to set', async () => {
    const response = await rest('GET', `/pumps/${await pumpAt('shipped')}/transitions`, { token: world.tokens.admin })
    expect(response.body.setStatus.statuses.map((s: { value: string }) => s.value)).toEqual([
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
    expect(
      (await rest('GET', `/pumps/${world.pumps.ofB.id}/transitions`, { token: world.tokens.partner })).status,
    ).toBe(404)
  })
})

it('no response carried a password hash or a salt', () => expectNoSecrets(10))
