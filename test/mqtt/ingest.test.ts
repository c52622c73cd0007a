// Modem data through a real broker into the real database: presence, data, alarms, outages, the sweep and
// commissioning. The embedded aedes broker by default, Mosquitto (or any MQTT 5 broker) when MQTT_URL is set.
import { Ingester } from '../../plugins/mqtt-ingest/ingester'
import {
  card,
  connect,
  eventually,
  ingester,
  ingestOptions,
  modemEvents,
  payload,
  publish,
  pump,
  useIngestion,
} from './ingest-suite'

useIngestion()

describe('presence, data and alarms', () => {
  it('a birth puts the pump online with its connection type and firmware; data updates the last data time', async () => {
    const modem = await pump()
    const client = await connect(modem)
    await publish(
      client,
      `hp/${modem.serial}/status`,
      { online: true, conn: 'gsm', fw: '1.4.2' },
      { qos: 1, retain: true },
    )
    await eventually(async () =>
      expect(await card(modem.id)).toMatchObject({ online: true, connectionType: 'gsm', firmwareVersion: '1.4.2' }),
    )
    expect((await card(modem.id)).lastConnectedAt).toBeTruthy()
    const before = Date.now()
    await publish(client, `hp/${modem.serial}/data`, { ts: Date.now(), t_out: -7.5, t_flow: 41.2 }, { qos: 0 })
    await eventually(async () =>
      expect(Date.parse((await card(modem.id)).lastDataAt!)).toBeGreaterThanOrEqual(before - 5),
    )
    await eventually(async () =>
      expect((await modemEvents(modem.id)).map((event) => event.kind)).toEqual(['connected']),
    )
  })

  it('the Last Will says offline when the modem drops; the history shows both', async () => {
    const modem = await pump()
    const client = await connect(modem)
    await publish(client, `hp/${modem.serial}/status`, { online: true, conn: 'ethernet' }, { qos: 1, retain: true })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
    // An abrupt drop (no DISCONNECT): the broker publishes the will.
    ;(client as unknown as { stream: { destroy: () => void } }).stream.destroy()
    await eventually(async () =>
      expect(await card(modem.id)).toMatchObject({ online: false, lastDisconnectedAt: expect.any(String) }),
    )
    await eventually(async () =>
      expect((await modemEvents(modem.id)).map((event) => event.kind)).toEqual(['connected', 'disconnected']),
    )
  })

  it('a stale offline after a newer online never wins, in one batch or the next', async () => {
    const modem = await pump()
    const client = await connect(modem)
    const now = Date.now()
    await publish(client, `hp/${modem.serial}/status`, { online: true, ts: now })
    await publish(client, `hp/${modem.serial}/status`, { online: false, ts: now - 60_000 })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
    await new Promise((resolve) => setTimeout(resolve, 100))
    await publish(client, `hp/${modem.serial}/status`, { online: false, ts: new Date(now - 30_000).toISOString() })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await card(modem.id)).toMatchObject({ online: true, lastDisconnectedAt: null })
    // A newer one does.
    await publish(client, `hp/${modem.serial}/status`, { online: false, ts: now + 1000 })
    await eventually(async () => expect((await card(modem.id)).online).toBe(false))
  })

  it('alarms are the full active set: raised, then cleared, each kept in the history', async () => {
    const modem = await pump()
    const client = await connect(modem)
    const since = Date.now() - 5000
    await publish(
      client,
      `hp/${modem.serial}/alarms`,
      { active: [{ code: 'E12', text: 'Low flow', since }] },
      { qos: 1, retain: true },
    )
    await eventually(async () =>
      expect((await card(modem.id)).activeAlarms).toEqual([
        { code: 'E12', text: 'Low flow', since: new Date(since).toISOString() },
      ]),
    )
    await publish(client, `hp/${modem.serial}/alarms`, { active: [] }, { qos: 1, retain: true })
    await eventually(async () => expect((await card(modem.id)).activeAlarms).toEqual([]))
    const events = await eventually(async () => {
      const list = await modemEvents(modem.id)
      expect(list.filter((event) => event.kind.startsWith('alarm'))).toHaveLength(2)
      return list
    })
    expect(events.filter((event) => event.kind.startsWith('alarm')).map((event) => [event.kind, event.code])).toEqual([
      ['alarm_raised', 'E12'],
      ['alarm_cleared', 'E12'],
    ])
  })
})

describe('a database outage', () => {
  it('pauses the writes, keeps what arrived, and catches up when the database is back', async () => {
    const modem = await pump()
    const client = await connect(modem)
    const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
    const { sql } = await import('@payloadcms/db-postgres')
    const failuresBefore = ingester.counts.flushFailures
    // The pumps table goes away: every write fails, as when the database is unreachable.
    await db.execute(sql.raw('alter table pumps rename to pumps_away'))
    try {
      await publish(client, `hp/${modem.serial}/status`, { online: true, fw: '3.0.0' })
      await publish(client, `hp/${modem.serial}/alarms`, { active: [{ code: 'E7', text: 'Sensor' }] })
      await eventually(async () => expect(ingester.counts.flushFailures).toBeGreaterThan(failuresBefore))
      expect(ingester.health()).toMatchObject({ state: 'degraded', pending: 1 })
    } finally {
      await db.execute(sql.raw('alter table pumps_away rename to pumps'))
    }
    await eventually(async () =>
      expect(await card(modem.id)).toMatchObject({
        online: true,
        firmwareVersion: '3.0.0',
        activeAlarms: [{ code: 'E7', text: 'Sensor', since: null }],
      }),
    )
    await eventually(async () => expect(ingester.health().state).toBe('up'))
  })
})

describe('the inactivity sweep', () => {
  it('marks silent pumps offline once, even with several instances sweeping; data brings one back', async () => {
    const modem = await pump()
    const client = await connect(modem)
    await publish(client, `hp/${modem.serial}/status`, { online: true })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
    // Two instances whose patience is 50 ms sweep at the same moment.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const sweepers = [
      new Ingester(payload, ingestOptions({ offlineAfterMs: 50 })),
      new Ingester(payload, ingestOptions({ offlineAfterMs: 50 })),
    ]
    const now = new Date()
    await Promise.all(sweepers.map((sweeper) => sweeper.sweep(now)))
    expect(await card(modem.id)).toMatchObject({ online: false })
    expect((await modemEvents(modem.id)).filter((event) => event.kind === 'timed_out')).toHaveLength(1)
    // Data arrives only from a connected modem: it is online again.
    await publish(client, `hp/${modem.serial}/data`, { t_out: 1 })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
    expect((await modemEvents(modem.id)).map((event) => event.kind)).toEqual(['connected', 'timed_out', 'connected'])
  })

  it('leaves pumps heard from recently alone', async () => {
    const modem = await pump()
    const client = await connect(modem)
    await publish(client, `hp/${modem.serial}/status`, { online: true })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
    await ingester.sweep(new Date(Date.now() + 60_000))
    expect((await card(modem.id)).online).toBe(true)
  })
})

describe('auto-commissioning', () => {
  it('the first connection of a shipped pump puts it into operation exactly once, despite duplicate births', async () => {
    const modem = await pump('shipped')
    const client = await connect(modem)
    await Promise.all([1, 2, 3].map(() => publish(client, `hp/${modem.serial}/status`, { online: true, conn: 'gsm' })))
    await eventually(async () =>
      expect(await card(modem.id)).toMatchObject({ status: 'in_operation', commissioningDate: expect.any(String) }),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    const events = await payload.find({
      collection: 'pumpEvents',
      where: { and: [{ pump: { equals: modem.id } }, { source: { equals: 'modem' } }] },
    })
    expect(events.docs).toHaveLength(1)
    expect(events.docs[0]).toMatchObject({ from: 'shipped', to: 'in_operation', actor: 'modem' })
  })

  it('a produced (not yet released) pump is not commissioned', async () => {
    const modem = await pump('created')
    const client = await connect(modem)
    await publish(client, `hp/${modem.serial}/status`, { online: true })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
    expect((await card(modem.id)).status).toBe('created')
  })
})

describe('bad input never touches a card and is counted by reason', () => {
  it('malformed JSON, wrong types, oversized payloads', async () => {
    const modem = await pump()
    const client = await connect(modem)
    const before = { ...ingester.counts.rejected }
    await publish(client, `hp/${modem.serial}/status`, '{"online": tru')
    await publish(client, `hp/${modem.serial}/status`, { online: 'yes' })
    await publish(client, `hp/${modem.serial}/status`, { online: true, conn: 'carrier-pigeon' })
    await publish(client, `hp/${modem.serial}/alarms`, { active: 'E12' })
    await publish(client, `hp/${modem.serial}/data`, [1, 2, 3])
    await publish(client, `hp/${modem.serial}/data`, { ts: 'yesterday' })
    await publish(client, `hp/${modem.serial}/data`, { blob: 'x'.repeat(17 * 1024) })
    await eventually(async () => {
      expect(ingester.counts.rejected.malformed_json - before.malformed_json).toBe(1)
      expect(ingester.counts.rejected.invalid_payload - before.invalid_payload).toBe(5)
      expect(ingester.counts.rejected.oversized - before.oversized).toBe(1)
    })
    expect(await card(modem.id)).toMatchObject({ online: false, lastDataAt: null, activeAlarms: null })
  })

  it('they show at /healthz through the health report', async () => {
    const report = ingester.health()
    expect(report.state).toBe('up')
    expect(report.counts.rejected.malformed_json).toBeGreaterThan(0)
  })
})
