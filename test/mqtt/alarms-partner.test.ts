// Issue 13: each alarm record carries its pump's responsible partner (`pumpPartner`), set by the ingestion's own SQL
// and re-labelled when the pump's partner changes; a partner reads (and its console shows) only its pumps' alarms.
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'

import { parseConsoleFilters } from '../../src/domain/alarm-console'
import { readConsole } from '../../src/services/alarm-console'
import { createWorld, type World } from '../support/fixtures'
import { card, connect, eventually, payload, publish, pump, useIngestion, type Modem } from './ingest-suite'
import { execute } from './modems'

useIngestion()

let world: World
beforeAll(async () => {
  world = await createWorld(payload)
})

type PartnerUser = World['users']['partner']

async function pumpOf(partner: number): Promise<Modem> {
  const modem = await pump()
  await execute(payload, sql`update pumps set responsible_partner_id = ${partner} where id = ${modem.id}`)
  return modem
}

async function report(modem: Modem, codes: string[], ts: number) {
  const client = await connect(modem)
  await publish(client, `hp/${modem.serial}/alarms`, { ts, active: codes.map((code) => ({ code })) })
  await eventually(async () => expect((await card(modem.id)).alarmsAt).toBe(new Date(ts).toISOString()))
  await client.endAsync(true)
}

/** The alarm records of these pumps as a user reads them ([code, pump's partner] for staff, who see the column). */
async function read(user: PartnerUser | null, pumps: Modem[]) {
  const found = await payload.find({
    collection: 'alarms',
    where: { pump: { in: pumps.map((modem) => modem.id) } },
    depth: 0,
    limit: 100,
    overrideAccess: false,
    user: { ...(user ?? world.users.service), collection: 'users' } as never,
  })
  return found.docs
    .map((doc) => (user ? `${doc.code}@${doc.pump}` : `${doc.code}@${doc.pump}:${doc.pumpPartner}`))
    .sort()
}

async function consoleOf(user: PartnerUser, state: 'active' | 'all') {
  const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
  const result = await readConsole(req, parseConsoleFilters({ state }))
  return result.rows.map((row) => `${row.code}@${row.pump.id}`).sort()
}

describe("alarm records keep their pump's partner", () => {
  it('a partner reads only its own pumps’ alarms; a partner change re-labels them, open and past', async () => {
    const { partnerA, partnerB, users } = world
    const [ofA, ofB] = [await pumpOf(partnerA.id), await pumpOf(partnerB.id)]
    const now = Date.now()
    await report(ofA, ['E1', 'E2'], now - 60_000)
    await report(ofA, ['E1'], now - 30_000)
    await report(ofB, ['E1'], now - 30_000)
    // Written by the ingestion's SQL with the pump's partner.
    expect(await read(null, [ofA, ofB])).toEqual(
      [`E1@${ofA.id}:${partnerA.id}`, `E1@${ofB.id}:${partnerB.id}`, `E2@${ofA.id}:${partnerA.id}`].sort(),
    )
    expect(await read(users.partner, [ofA, ofB])).toEqual([`E1@${ofA.id}`, `E2@${ofA.id}`])
    expect(await read(users.otherPartner, [ofA, ofB])).toEqual([`E1@${ofB.id}`])
    expect(await consoleOf(users.partner, 'active')).toEqual([`E1@${ofA.id}`])
    expect(await consoleOf(users.otherPartner, 'all')).toEqual([`E1@${ofB.id}`])

    // Pump A passes to partner B (an edit in the admin): its alarms, open and cleared, go with it.
    await payload.update({ collection: 'pumps', id: ofA.id, data: { responsiblePartner: partnerB.id } })
    expect(await read(null, [ofA])).toEqual([`E1@${ofA.id}:${partnerB.id}`, `E2@${ofA.id}:${partnerB.id}`].sort())
    expect(await read(users.partner, [ofA, ofB])).toEqual([])
    expect(await consoleOf(users.partner, 'all')).toEqual([])
    expect(await read(users.otherPartner, [ofA, ofB])).toEqual([`E1@${ofA.id}`, `E1@${ofB.id}`, `E2@${ofA.id}`].sort())
    expect(await consoleOf(users.otherPartner, 'active')).toEqual([`E1@${ofA.id}`, `E1@${ofB.id}`].sort())

    // A pump with no partner any more: its alarms are staff's only; a new one is written with no partner either.
    await execute(payload, sql`update pumps set responsible_partner_id = null where id = ${ofB.id}`)
    await report(ofB, ['E1', 'E3'], now)
    expect(await read(null, [ofB])).toEqual([`E1@${ofB.id}:null`, `E3@${ofB.id}:null`].sort())
    expect(await read(users.otherPartner, [ofB])).toEqual([])
  })
})
