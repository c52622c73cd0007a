// Issue 13, items 1, 3 and 5: the alarm catalog's CSV import (all rows or none, each bad row named), acknowledging
// and assigning alarms (staff any; a partner only its own pumps'; owners never), and the owner's app's list with
// the catalog's text in the app's language. Through REST with real logins and the Local API with overrideAccess:false.
import { localUser } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

const CSV = [
  'code,severity,text_ru,text_en,action_ru,action_en,manual_page',
  'E12,critical,Низкий расход,Low flow,Проверьте фильтр,Check the filter,44',
  'W3,warning,Фильтр,Filter,,,',
].join('\n')

let alarmCount = 0
async function alarm(pump: number, code = `E${++alarmCount}X`, minutesAgo = 5) {
  return payload.create({
    collection: 'alarms',
    data: {
      pump,
      code,
      severity: 'major',
      text: `modem ${code}`,
      raisedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    },
  })
}

async function catalogOf(id: number) {
  return (await payload.findByID({ collection: 'models', id, depth: 0 })).alarmCatalog ?? []
}

describe('alarm catalog import (POST /api/models/:id/alarm-catalog)', () => {
  it('replaces the catalog with every row of a right CSV', async () => {
    const response = await rest('POST', `/models/${world.model.id}/alarm-catalog`, {
      token: world.tokens.admin,
      body: { csv: CSV },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ imported: 2 })
    expect(await catalogOf(world.model.id)).toMatchObject([
      { code: 'E12', severity: 'critical', textRu: 'Низкий расход', textEn: 'Low flow', manualPage: 44 },
      { code: 'W3', severity: 'warning', actionEn: null },
    ])
  })

  it('imports nothing from a CSV with a bad row, and names each row and column in the caller language', async () => {
    const bad = `${CSV}\nE12,fatal,,Again,,,\n`
    const en = await rest('POST', `/models/${world.model.id}/alarm-catalog`, {
      token: world.tokens.admin,
      body: { csv: bad },
    })
    expect(en.status).toBe(400)
    expect(en.body.message).toBe('Nothing imported: fix these rows')
    expect(en.body.errors).toEqual([
      { row: 4, column: 'code', message: 'The code is repeated' },
      { row: 4, column: 'severity', message: 'One of critical, major, minor, warning' },
      { row: 4, column: 'text_ru', message: 'Required' },
    ])
    const ru = await rest('POST', `/models/${world.model.id}/alarm-catalog`, {
      token: world.tokens.admin,
      body: { csv: bad },
      language: 'ru',
    })
    expect(ru.body.message).toBe('Ничего не загружено: исправьте строки')
    expect(ru.body.errors[0].message).toBe('Код повторяется')
    expect(await catalogOf(world.model.id)).toHaveLength(2)
  })

  it('is for admins only, and says so to others', async () => {
    for (const role of ['service', 'partner', 'owner', 'anonymous'] as const) {
      const response = await rest('POST', `/models/${world.model.id}/alarm-catalog`, {
        token: world.tokens[role],
        body: { csv: 'code,severity,text_ru,text_en\nX1,minor,a,b' },
      })
      expect(response.status).toBe(403)
    }
    const missing = await rest('POST', `/models/${world.model.id}/alarm-catalog`, {
      token: world.tokens.admin,
      body: {},
    })
    expect(missing.status).toBe(400)
    expect(await catalogOf(world.model.id)).toHaveLength(2)
  })
})

describe('acknowledging alarms (POST /api/alarms/acknowledge)', () => {
  it('a partner acknowledges its own pumps’ alarms with a comment: who, when and why are kept', async () => {
    const [one, two] = [await alarm(world.pumps.ofA.id), await alarm(world.pumps.ofA.id)]
    const response = await rest('POST', '/alarms/acknowledge', {
      token: world.tokens.partner,
      body: { ids: [one.id, two.id], comment: '  Выезжаем завтра  ' },
    })
    expect(response.status).toBe(200)
    expect([...response.body.acknowledged].sort()).toEqual([one.id, two.id].sort())
    const stored = await payload.findByID({ collection: 'alarms', id: one.id, depth: 0 })
    expect(stored).toMatchObject({ acknowledgedBy: world.users.partner.id, comment: 'Выезжаем завтра' })
    expect(Date.now() - Date.parse(stored.acknowledgedAt!)).toBeLessThan(60_000)
    // Again, by staff: the first acknowledgement stays.
    const again = await rest('POST', '/alarms/acknowledge', { token: world.tokens.service, body: { ids: [one.id] } })
    expect(again.body.acknowledged).toEqual([])
    expect((await payload.findByID({ collection: 'alarms', id: one.id, depth: 0 })).acknowledgedBy).toBe(
      world.users.partner.id,
    )
  })

  it('refuses a partner another partner’s alarm, and then acknowledges none of those named', async () => {
    const own = await alarm(world.pumps.ofA.id)
    const foreign = await alarm(world.pumps.ofB.id)
    const response = await rest('POST', '/alarms/acknowledge', {
      token: world.tokens.partner,
      body: { ids: [own.id, foreign.id], comment: 'mine?' },
    })
    expect(response.status).toBe(404)
    expect(response.body.errors[0].message).toBe(`No alarm ${foreign.id} of yours`)
    for (const id of [own.id, foreign.id])
      expect((await payload.findByID({ collection: 'alarms', id, depth: 0 })).acknowledgedAt).toBeFalsy()
    const staff = await rest('POST', '/alarms/acknowledge', {
      token: world.tokens.service,
      body: { ids: [foreign.id] },
    })
    expect(staff.body.acknowledged).toEqual([foreign.id])
  })

  it('refuses owners and visitors, and bad input with a 400 in the caller language', async () => {
    const own = await alarm(world.pumps.ofA.id)
    expect(
      (await rest('POST', '/alarms/acknowledge', { token: world.tokens.owner, body: { ids: [own.id] } })).status,
    ).toBe(403)
    expect((await rest('POST', '/alarms/acknowledge', { body: { ids: [own.id] } })).status).toBe(401)
    for (const body of [
      {},
      { ids: [] },
      { ids: ['x'] },
      { ids: [own.id], comment: 5 },
      { ids: Array(201).fill(own.id) },
    ]) {
      const response = await rest('POST', '/alarms/acknowledge', { token: world.tokens.admin, body, language: 'ru' })
      expect(response.status).toBe(400)
      expect(response.body.errors[0].message).toMatch(/ids|comment/)
    }
    expect((await payload.findByID({ collection: 'alarms', id: own.id, depth: 0 })).acknowledgedAt).toBeFalsy()
  })
})

describe('assigning an alarm (POST /api/alarms/:id/assign)', () => {
  it('staff assign to a user who can see the alarm, and take it back', async () => {
    const own = await alarm(world.pumps.ofA.id)
    const ok = await rest('POST', `/alarms/${own.id}/assign`, {
      token: world.tokens.service,
      body: { user: world.users.partner.id },
    })
    expect(ok.status).toBe(200)
    expect((await payload.findByID({ collection: 'alarms', id: own.id, depth: 0 })).assignedTo).toBe(
      world.users.partner.id,
    )
    const wrong = await rest('POST', `/alarms/${own.id}/assign`, {
      token: world.tokens.service,
      body: { user: world.users.otherPartner.id },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].message).toBe('That user cannot see this alarm')
    await rest('POST', `/alarms/${own.id}/assign`, { token: world.tokens.admin, body: { user: null } })
    expect((await payload.findByID({ collection: 'alarms', id: own.id, depth: 0 })).assignedTo).toBeFalsy()
  })

  it('a partner cannot assign another partner’s alarm; an owner nothing', async () => {
    const foreign = await alarm(world.pumps.ofB.id)
    const partner = await rest('POST', `/alarms/${foreign.id}/assign`, {
      token: world.tokens.partner,
      body: { user: world.users.partner.id },
    })
    expect(partner.status).toBe(404)
    const owner = await rest('POST', `/alarms/${foreign.id}/assign`, {
      token: world.tokens.owner,
      body: { user: null },
    })
    expect(owner.status).toBe(403)
    expect((await payload.findByID({ collection: 'alarms', id: foreign.id, depth: 0 })).assignedTo).toBeFalsy()
  })
})

describe('reading alarm records (Local API, overrideAccess: false)', () => {
  it('staff read all, a partner only its own pumps’, an owner none', async () => {
    const own = await alarm(world.pumps.ofA.id)
    const foreign = await alarm(world.pumps.ofB.id)
    const read = (role: 'service' | 'partner' | 'owner') =>
      payload.find({
        collection: 'alarms',
        where: { id: { in: [own.id, foreign.id] } },
        overrideAccess: false,
        user: localUser(world, role) as never,
        depth: 0,
      })
    expect((await read('service')).docs.map((doc) => doc.id).sort()).toEqual([own.id, foreign.id].sort())
    expect((await read('partner')).docs.map((doc) => doc.id)).toEqual([own.id])
    await expect(read('owner')).rejects.toThrow()
    await expect(
      payload.update({
        collection: 'alarms',
        id: own.id,
        data: { comment: 'forged' },
        overrideAccess: false,
        user: localUser(world, 'service') as never,
      }),
    ).rejects.toThrow()
  })
})

describe("the owner's app (GET /api/alarms/mine)", () => {
  it('lists the own pumps’ alarms, newest first, with the catalog text in the app language', async () => {
    const e12 = await alarm(world.pumps.ofA.id, 'E12', 1)
    const unknown = await alarm(world.pumps.ofA.id, 'Z77', 2)
    await alarm(world.pumps.ofB.id, 'E12', 1)
    const ru = await rest('GET', '/alarms/mine?active=true&locale=ru&limit=100', { token: world.tokens.owner })
    expect(ru.status).toBe(200)
    expect(ru.headers.get('cache-control')).toBe('no-store')
    const byId = Object.fromEntries(ru.body.docs.map((doc: { id: number }) => [doc.id, doc]))
    expect(ru.body.docs.every((doc: any) => doc.pump.id === world.pumps.ofA.id)).toBe(true)
    expect(byId[e12.id]).toMatchObject({
      code: 'E12',
      severity: 'major',
      severityLabel: 'Серьёзная',
      text: 'Низкий расход',
      action: 'Проверьте фильтр',
      manualPage: 44,
      clearedAt: null,
      acknowledged: false,
      pump: { id: world.pumps.ofA.id, serial: world.pumps.ofA.serial },
    })
    expect(byId[unknown.id]).toMatchObject({ code: 'Z77', text: 'modem Z77', action: null })
    expect(ru.body.docs.findIndex((doc: any) => doc.id === e12.id)).toBeLessThan(
      ru.body.docs.findIndex((doc: any) => doc.id === unknown.id),
    )
    const en = await rest('GET', '/alarms/mine?locale=en&limit=100', { token: world.tokens.owner })
    expect(en.body.docs.find((doc: any) => doc.id === e12.id)).toMatchObject({
      text: 'Low flow',
      severityLabel: 'Major',
    })
  })

  it('a cleared alarm is left out of the active list and kept in the past ones', async () => {
    const cleared = await alarm(world.pumps.ofA.id, 'W3', 30)
    await payload.update({ collection: 'alarms', id: cleared.id, data: { clearedAt: new Date().toISOString() } })
    const active = await rest('GET', '/alarms/mine?active=true&limit=100', { token: world.tokens.owner })
    expect(active.body.docs.map((doc: any) => doc.id)).not.toContain(cleared.id)
    const all = await rest('GET', '/alarms/mine?limit=100', { token: world.tokens.owner })
    expect(all.body.docs.find((doc: any) => doc.id === cleared.id)).toMatchObject({
      text: 'Filter',
      clearedAt: expect.any(String),
    })
  })

  it('is for owners only', async () => {
    expect((await rest('GET', '/alarms/mine', { token: world.tokens.service })).status).toBe(403)
    const anonymous = await rest('GET', '/alarms/mine', { language: 'ru' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0].message).toBe('Войдите как владелец насоса')
  })
})

describe("the owner's push devices (POST/DELETE /api/buyers/me/devices)", () => {
  it('the owner registers a token (taking it over), removes it; others cannot', async () => {
    const token = `fcm:${Date.now()}-abcdefgh`
    const created = await rest('POST', '/buyers/me/devices', {
      token: world.tokens.owner,
      body: { token, platform: 'android', language: 'en' },
    })
    expect(created.status).toBe(201)
    const stored = await payload.findByID({ collection: 'devices', id: created.body.id, depth: 0 })
    expect(stored).toMatchObject({ buyer: world.ownerX.id, token, platform: 'android', language: 'en' })
    // Registering again keeps one row for the token.
    await rest('POST', '/buyers/me/devices', { token: world.tokens.owner, body: { token } })
    expect((await payload.count({ collection: 'devices', where: { token: { equals: token } } })).totalDocs).toBe(1)
    for (const role of ['service', 'partner', 'anonymous'] as const) {
      const refused = await rest('POST', '/buyers/me/devices', {
        token: world.tokens[role],
        body: { token: `${token}x` },
      })
      expect([401, 403]).toContain(refused.status)
    }
    const bad = await rest('POST', '/buyers/me/devices', {
      token: world.tokens.owner,
      body: { token: 'short' },
      language: 'ru',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toBe('token — push-токен, 8…4096 символов')
    const removed = await rest('DELETE', `/buyers/me/devices?token=${encodeURIComponent(token)}`, {
      token: world.tokens.owner,
    })
    expect(removed.status).toBe(200)
    expect((await payload.count({ collection: 'devices', where: { token: { equals: token } } })).totalDocs).toBe(0)
    expect(
      (await rest('DELETE', `/buyers/me/devices?token=${encodeURIComponent(token)}`, { token: world.tokens.owner }))
        .status,
    ).toBe(404)
  })
})
