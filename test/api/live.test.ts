// Issue 10, item 17: GET /api/pumps/live, what an open card or list polls. The same access as every read, bounded,
// a clear 400 for bad ids, never cached, and not mistaken for a pump's id route.
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { createWorld, type World } from '../support/fixtures'
import { closePayload, rest, startPayload } from '../support/payload'

let payload: Payload
let world: World

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
}, 300_000)
afterAll(async () => {
  await closePayload(payload)
})

const ids = () => [world.pumps.ofA.id, world.pumps.ofB.id, world.pumps.unclaimed.id]
const idsOf = (body: any) => (body.docs as { id: number }[]).map((doc) => doc.id).sort((a, b) => a - b)
const sorted = (list: (number | string)[]) => [...list].map(Number).sort((a, b) => a - b)

describe('GET /api/pumps/live', () => {
  it('gives staff the live fields of every pump asked for, and nothing else of them', async () => {
    // Connectivity is written only by the ingestion's bulk statement: so here too, in SQL.
    const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
    await db.execute(sql`update pumps set online = true, firmware_version = '2.4.1', connection_type = 'gsm'
      where id = ${world.pumps.ofA.id}`)
    const response = await rest('GET', `/pumps/live?ids=${ids().join(',')}`, { token: world.tokens.service })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(idsOf(response.body)).toEqual(sorted(ids()))
    const pumpA = response.body.docs.find((doc: any) => doc.id === world.pumps.ofA.id)
    expect(pumpA).toMatchObject({
      online: true,
      firmwareVersion: '2.4.1',
      connectionType: 'gsm',
      status: 'in_operation',
    })
    for (const secret of ['passwordHash', 'deviceKeyHash', 'ownerInfo', 'owner', 'serial']) {
      expect(pumpA).not.toHaveProperty(secret)
    }
    expect(typeof response.body.at).toBe('string')
  })

  it('gives a partner only its own pumps and an owner only theirs, as a list would', async () => {
    const partner = await rest('GET', `/pumps/live?ids=${ids().join(',')}`, { token: world.tokens.partner })
    expect(partner.status).toBe(200)
    expect(idsOf(partner.body)).toEqual([world.pumps.ofA.id])
    const owner = await rest('GET', `/pumps/live?ids=${ids().join(',')}`, { token: world.tokens.owner })
    expect(owner.status).toBe(200)
    expect(idsOf(owner.body)).toEqual([world.pumps.ofA.id])
  })

  it('answers 401 to a visitor who is not signed in, in their language', async () => {
    const en = await rest('GET', `/pumps/live?ids=${world.pumps.ofA.id}`)
    expect(en.status).toBe(401)
    expect(en.body.errors[0].message).toBe('Sign in first')
    const ru = await rest('GET', `/pumps/live?ids=${world.pumps.ofA.id}`, { language: 'ru' })
    expect(ru.status).toBe(401)
    expect(ru.body.errors[0].message).toBe('Сначала войдите в систему')
  })

  it.each([
    ['missing ids', ''],
    ['a word', '?ids=abc'],
    ['a negative id', '?ids=1,-2'],
    ['a fraction', '?ids=1.5'],
    ['an SQL fragment', '?ids=1;drop%20table%20pumps'],
    ['ids given twice as an array', '?ids[]=1&ids[]=2'],
    ['more than 100 ids', `?ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`],
  ])('refuses %s with a 400 that says what is expected', async (_, query) => {
    const response = await rest('GET', `/pumps/live${query}`, { token: world.tokens.admin })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].message).toMatch(/^ids must be up to 100 pump ids separated by commas/)
    const ru = await rest('GET', `/pumps/live${query}`, { token: world.tokens.admin, language: 'ru' })
    expect(ru.body.errors[0].message).toMatch(/^ids — до 100 номеров насосов через запятую/)
  })

  it('takes exactly 100 ids and an empty list, and ids that do not exist are simply left out', async () => {
    const hundred = [world.pumps.ofA.id, ...Array.from({ length: 99 }, (_, i) => 900_000_000 + i)]
    const response = await rest('GET', `/pumps/live?ids=${hundred.join(',')}`, { token: world.tokens.admin })
    expect(response.status).toBe(200)
    expect(idsOf(response.body)).toEqual([world.pumps.ofA.id])
    const empty = await rest('GET', '/pumps/live?ids=', { token: world.tokens.admin })
    expect(empty.status).toBe(200)
    expect(empty.body.docs).toEqual([])
  })

  it('is not taken for a pump id: /api/pumps/:id still reads a pump, and /api/pumps/live is not one', async () => {
    const card = await rest('GET', `/pumps/${world.pumps.ofA.id}`, { token: world.tokens.admin })
    expect(card.status).toBe(200)
    expect(card.body.serial).toBe(world.pumps.ofA.serial)
    const live = await rest('GET', `/pumps/live?ids=${world.pumps.ofA.id}`, { token: world.tokens.admin })
    expect(live.body).not.toHaveProperty('serial')
    expect(live.body.docs).toHaveLength(1)
  })
})
