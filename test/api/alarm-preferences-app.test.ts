// Issue 13: the owner's app reads and sets its alarm push preferences (GET/PATCH /api/buyers/me/alarm-preferences);
// bad input is a 400 in the caller's language, and only an owner may use it.
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

const PATH = '/buyers/me/alarm-preferences'

describe("the owner's alarm preferences", () => {
  it('reads the defaults, sets severities and quiet hours, and keeps what is not sent', async () => {
    const token = world.tokens.owner
    const before = await rest('GET', PATH, { token })
    expect(before.status).toBe(200)
    expect(before.body).toEqual({ severities: ['critical', 'major'], quietFrom: null, quietTo: null })
    const set = await rest('PATCH', PATH, {
      token,
      body: { severities: ['warning', 'critical'], quietFrom: '22:00', quietTo: '07:00' },
    })
    expect(set.status).toBe(200)
    expect(set.body).toEqual({ severities: ['critical', 'warning'], quietFrom: '22:00', quietTo: '07:00' })
    const partial = await rest('PATCH', PATH, { token, body: { quietTo: null } })
    expect(partial.body).toEqual({ severities: ['critical', 'warning'], quietFrom: '22:00', quietTo: null })
    const stored = await payload.findByID({ collection: 'buyers', id: world.ownerX.id, depth: 0 })
    expect(stored.alarmPush).toMatchObject({ severities: ['critical', 'warning'], quietFrom: '22:00' })
    const none = await rest('PATCH', PATH, { token, body: { severities: [] } })
    expect(none.body).toMatchObject({ severities: [] })
  })

  it('refuses bad input with a 400 in ru and en, changing nothing', async () => {
    const token = world.tokens.owner
    await rest('PATCH', PATH, { token, body: { severities: ['major'], quietFrom: null, quietTo: null } })
    const cases = [
      [{ quietFrom: '25:00' }, 'quietFrom: a time HH:MM', 'quietFrom — время ЧЧ:ММ'],
      [{ severities: ['fatal'] }, 'severities: a list of', 'severities — список из'],
      [{ severities: 'major' }, 'severities: a list of', 'severities — список из'],
      [{ colour: 'red' }, 'colour: not a preference', 'colour — нет такой настройки'],
    ] as const
    for (const [body, en, ru] of cases) {
      for (const [language, message] of [
        ['en', en],
        ['ru', ru],
      ] as const) {
        const response = await rest('PATCH', PATH, { token, body, language })
        expect(response.status).toBe(400)
        expect(JSON.stringify(response.body)).toContain(message)
      }
    }
    expect((await rest('GET', PATH, { token })).body).toEqual({ severities: ['major'], quietFrom: null, quietTo: null })
  })

  it('answers 401 without a sign-in and 403 to staff and partners', async () => {
    expect((await rest('GET', PATH)).status).toBe(401)
    expect((await rest('PATCH', PATH, { body: { severities: [] } })).status).toBe(401)
    expect((await rest('GET', PATH, { token: world.tokens.admin })).status).toBe(403)
    expect((await rest('PATCH', PATH, { token: world.tokens.partner, body: { severities: [] } })).status).toBe(403)
  })
})
