// The "Next status" button through REST: a service engineer walks a pump through its life (collected data, the
// generated password and device key), and every refusal (a skipped status, missing data, a wrong role, a plain
// update of the status) leaves the pump as it was.
import bcrypt from 'bcryptjs'

import { PUMP_FLOW_CONTEXT_KEY } from '../../src/domain/flow'
import { type PumpStatus } from '../../src/domain/lifecycle'
import { localUser } from '../support/fixtures'
import { gql, rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { advance, cardOf, eventsOf, expectNoSecrets, paths, pumpAt } from './lifecycle-support'

useWorld()

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
    expect(event).toMatchObject({
      from: 'created',
      to: 'produced',
      actor: 'user',
      user: world.users.service.id,
      source: 'button',
    })
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
      [
        undefined,
        { commissioningDate: '2026-11-25T12:00:00Z' },
        'in_operation',
        { commissioningDate: '2026-11-25T12:00:00.000Z' },
      ],
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
      expect({ step: expected, status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual(
        {
          step: expected,
          status: 200,
          body: 'ok',
        },
      )
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
    expect(paths(response.body).sort()).toEqual([
      'data.colour',
      'data.consignee',
      'data.shipmentDate',
      'data.waybillNumber',
    ])
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
    for (const body of [
      { status: 'in_operation' },
      { consignee: 'Someone' },
      { commissioningDate: '2026-11-01T00:00:00Z' },
    ]) {
      const response = await rest('PATCH', `/pumps/${id}`, { token: world.tokens.admin, body })
      expect(response.status).toBe(400)
      expect(paths(response.body)).toEqual(Object.keys(body))
    }
    const graphql = await gql(`mutation { updatePump(id: ${id}, data: { status: in_operation }) { status } }`, {
      token: world.tokens.admin,
    })
    expect(graphql.body.errors?.[0]?.message).toBeTruthy()
    await expect(
      payload.update({
        collection: 'pumps',
        id,
        data: { status: 'in_operation' },
        overrideAccess: false,
        user: localUser(world, 'admin'),
      }),
    ).rejects.toThrow(/status/i)
    // Not even the modem ingestion's flow may set a status: only the lifecycle's.
    await expect(
      payload.update({
        collection: 'pumps',
        id,
        data: { status: 'in_operation' },
        context: { [PUMP_FLOW_CONTEXT_KEY]: 'ingest' },
      }),
    ).rejects.toThrow(/status/i)
    await unchanged(id, 'released', 2)
  })
})

it('no response carried a password hash or a salt', () => expectNoSecrets(40))
