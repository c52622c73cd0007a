// The partner's history read goes through the pump partner the history service copies onto each event (issue 14):
// a partner still reads exactly the history of the pumps it is responsible for now, through REST and GraphQL.
import { importStatus } from '../../src/services/lifecycle'
import { login, rest } from '../support/payload'
import { unique } from '../support/fixtures'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

async function pumpOf(partner: number | null, steps: ('produced' | 'released' | 'shipped')[]) {
  const pump = await payload.create({
    collection: 'pumps',
    data: { serial: unique('FH'), model: world.model.id, responsiblePartner: partner } as never,
  })
  for (const step of steps) await importStatus(payload, pump.id, step)
  return pump.id
}

async function pumpIdsInHistory(token: string | undefined, query = 'limit=100&sort=-at&depth=0') {
  const response = await rest('GET', `/pumpEvents?${query}`, { token })
  expect(response.status).toBe(200)
  return new Set((response.body.docs as { pump: number }[]).map((event) => event.pump))
}

async function pumpPartnersOf(pump: number) {
  const { docs } = await payload.find({ collection: 'pumpEvents', where: { pump: { equals: pump } }, depth: 0 })
  return docs.map((event) => (event as { pumpPartner?: number | null }).pumpPartner ?? null)
}

describe("a partner's history read (pumpPartner)", () => {
  let ofA: number
  let ofB: number
  let otherToken: string

  beforeAll(async () => {
    ofA = await pumpOf(world.partnerA.id, ['produced', 'released'])
    ofB = await pumpOf(world.partnerB.id, ['produced'])
    otherToken = await login('users', { email: world.users.otherPartner.email, password: world.password })
  })

  it('stamps every event with the partner responsible for the pump when it was written', async () => {
    expect(await pumpPartnersOf(ofA)).toEqual([world.partnerA.id, world.partnerA.id])
    expect(await pumpPartnersOf(ofB)).toEqual([world.partnerB.id])
    expect(await pumpPartnersOf(world.pumps.unclaimed.id)).toEqual([])
  })

  it('stamps an event written without the history service (an import, a seed) from its pump', async () => {
    const event = await payload.create({
      collection: 'pumpEvents',
      data: {
        pump: ofB,
        kind: 'status',
        to: 'produced',
        at: new Date().toISOString(),
        actor: 'system',
        source: 'import',
      },
    })
    expect((event as { pumpPartner?: unknown }).pumpPartner).toMatchObject({ id: world.partnerB.id })
  })

  it('gives a partner the events of its own pumps only, newest first, and staff all of them', async () => {
    const seenByA = await pumpIdsInHistory(world.tokens.partner)
    expect(seenByA.has(ofA)).toBe(true)
    expect(seenByA.has(ofB)).toBe(false)
    const seenByB = await pumpIdsInHistory(otherToken)
    expect(seenByB.has(ofB)).toBe(true)
    expect(seenByB.has(ofA)).toBe(false)
    const seenByStaff = await pumpIdsInHistory(world.tokens.service)
    expect(seenByStaff.has(ofA) && seenByStaff.has(ofB)).toBe(true)
    expect((await rest('GET', '/pumpEvents?limit=5', { token: world.tokens.owner })).status).toBe(403)
  })

  it("moves a pump's whole history to its new partner when the partner changes", async () => {
    const moved = await pumpOf(world.partnerB.id, ['produced', 'released'])
    const response = await rest('PATCH', `/pumps/${moved}`, {
      token: world.tokens.admin,
      body: { responsiblePartner: world.partnerA.id },
    })
    expect(response.status).toBe(200)
    expect(await pumpPartnersOf(moved)).toEqual([world.partnerA.id, world.partnerA.id, world.partnerA.id])
    expect((await pumpIdsInHistory(world.tokens.partner)).has(moved)).toBe(true)
    expect((await pumpIdsInHistory(otherToken)).has(moved)).toBe(false)
    const released = await rest('PATCH', `/pumps/${moved}`, {
      token: world.tokens.admin,
      body: { responsiblePartner: null },
    })
    expect(released.status).toBe(200)
    expect((await pumpIdsInHistory(world.tokens.partner)).has(moved)).toBe(false)
  })

  it('keeps the field to staff: a partner can neither read nor filter by it', async () => {
    const own = await rest('GET', `/pumpEvents?limit=5&where[pump][equals]=${ofA}`, { token: world.tokens.partner })
    expect(own.body.docs.length).toBeGreaterThan(0)
    for (const event of own.body.docs) expect(event).not.toHaveProperty('pumpPartner')
    const probe = await rest('GET', `/pumpEvents?where[pumpPartner][equals]=${world.partnerB.id}`, {
      token: world.tokens.partner,
    })
    expect(probe.status).toBe(400)
    const staff = await rest('GET', `/pumpEvents?limit=5&depth=0&where[pump][equals]=${ofA}`, {
      token: world.tokens.service,
    })
    expect(staff.body.docs[0].pumpPartner).toBe(world.partnerA.id)
  })

  it('refuses to let anyone write it through the API', async () => {
    const created = await rest('POST', '/pumpEvents', {
      token: world.tokens.admin,
      body: { pump: ofA, at: new Date().toISOString(), kind: 'status', actor: 'user', source: 'card', pumpPartner: 1 },
    })
    expect(created.status).toBe(403)
  })
})

describe('pump lists and joins', () => {
  it("leave each pump's history out of a list unless asked, and keep it on the card", async () => {
    const pump = await pumpOf(world.partnerA.id, ['produced'])
    const token = world.tokens.service
    const list = await rest('GET', `/pumps?limit=5&depth=0&where[id][equals]=${pump}`, { token })
    expect(list.status).toBe(200)
    expect(list.body.docs[0].history).toBeUndefined()
    const asked = await rest('GET', `/pumps?limit=5&depth=0&where[id][equals]=${pump}&joins[history][limit]=5`, {
      token,
    })
    expect(asked.body.docs[0].history.docs.length).toBeGreaterThan(0)
    const card = await rest('GET', `/pumps/${pump}?depth=0`, { token })
    expect(card.body.history.docs.length).toBeGreaterThan(0)
  })
})
