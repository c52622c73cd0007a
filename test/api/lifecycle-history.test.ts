// A pump's history (who sees it, written in the same transaction as the change, deleted with the pump), two people
// pressing the button at once, and the modem's first connection putting a pump into operation.
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'

import { commissionOnFirstConnection } from '../../src/services/lifecycle'
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { advance, cardOf, eventsOf, expectNoSecrets, pumpAt } from './lifecycle-support'

useWorld()

describe('history', () => {
  it('the pump card shows it newest first to staff and the responsible partner, never to the owner', async () => {
    const id = await pumpAt('shipped', { owner: world.ownerX.id })
    const staffView = await rest('GET', `/pumps/${id}?depth=1`, { token: world.tokens.service })
    expect(staffView.body.history.docs.map((event: { to: string }) => event.to)).toEqual([
      'shipped',
      'released',
      'produced',
    ])
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
    const pumps = new Set(response.body.docs.map((event: { pump: number }) => event.pump))
    expect(pumps.has(mine)).toBe(true)
    expect(pumps.has(theirs)).toBe(false)
  })

  it('the change and its event land together or not at all', async () => {
    const id = await pumpAt('produced')
    const db = (payload.db as unknown as PostgresAdapter).drizzle
    await db.execute(
      sql.raw(`
      create or replace function refuse_event() returns trigger language plpgsql as $$
      begin raise exception 'history is unavailable'; end $$;
      create trigger refuse_event before insert on pump_events for each row when (new.pump_id = ${id})
      execute function refuse_event();`),
    )
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

it('no response carried a password hash or a salt', () => expectNoSecrets(5))
