// Fields no API caller may set, whatever the role: the status (only through a status transition) and the
// connectivity fields; the owning flow sets them through the Local API with its context.
import { PUMP_FLOW_CONTEXT_KEY } from '../../src/domain/flow'
import { unique } from '../support/fixtures'
import { gql, rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { fresh } from './access-fresh'
import { expectNoSecrets } from './access-secrets'

useWorld()

describe('protected fields', () => {
  it('refuses a status change through a plain update, for admins too, with a message in the user’s language', async () => {
    const en = await rest('PATCH', `/pumps/${world.pumps.unclaimed.id}`, {
      token: world.tokens.admin,
      body: { status: 'released' },
    })
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
    const created = await rest('POST', '/pumps', {
      token: world.tokens.service,
      body: { serial: unique('S'), status: 'shipped' },
    })
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
    const response = await gql(
      `mutation { updatePump(id: ${world.pumps.unclaimed.id}, data: { status: released }) { status } }`,
      {
        token: world.tokens.admin,
      },
    )
    expect(JSON.stringify(response.body)).toMatch(/status/i)
    expect(response.body.errors?.length).toBeGreaterThan(0)
    const pump = await payload.findByID({ collection: 'pumps', id: world.pumps.unclaimed.id })
    expect(pump.status).toBe('created')
  })
})

describe('secrets', () => {
  it('no response in this file carried a password, a password hash or a salt', () => expectNoSecrets(5))
})
