/* eslint-disable max-lines -- one broker and one ingester per file; splitting it along its describe blocks is still to do (issue 11) */
// Modem data through a real broker into the real database: the embedded aedes broker by default, Mosquitto (or any
// MQTT 5 broker) when MQTT_URL is set, as `.ci/run` does in its second pass.

import { jest } from '@jest/globals'
import mqtt, { type MqttClient } from 'mqtt'
import type { Payload } from 'payload'

import { startEmbeddedBroker, type EmbeddedBroker } from '../../plugins/mqtt-ingest/broker'
import { ingestPassword, INGEST_USERNAME } from '../../plugins/mqtt-ingest/credentials'
import { Ingester, type IngestOptions } from '../../plugins/mqtt-ingest/ingester'
import { importStatus } from '../../src/services/lifecycle'
import { deviceKeyHash } from '../../src/services/device-keys'
import { unique } from '../support/fixtures'
import { closePayload, rest, startPayload } from '../support/payload'
import { freePort } from '../../src/runtime/ports'
import { ingestionHost } from '../../payload.config'

const externalUrl = process.env.MQTT_URL
const embedded = !externalUrl

let payload: Payload
let broker: EmbeddedBroker | undefined
let brokerUrl: string
let ingester: Ingester
const clients: MqttClient[] = []
const extraIngesters: Ingester[] = []

function ingestOptions(overrides: Partial<IngestOptions> = {}): IngestOptions {
  return {
    url: brokerUrl,
    ...(embedded ? { username: INGEST_USERNAME, password: ingestPassword(payload.secret) } : {}),
    // Each test run has a group of its own on a shared broker.
    shareGroup: embedded ? null : `hp-test-${process.pid}`,
    flushIntervalMs: 20,
    sweepIntervalMs: 3_600_000,
    host: ingestionHost,
    ...overrides,
  }
}

beforeAll(async () => {
  payload = await startPayload()
  if (embedded) {
    broker = await startEmbeddedBroker(payload, await freePort(), ingestionHost)
    brokerUrl = `mqtt://127.0.0.1:${broker.port}`
  } else {
    brokerUrl = externalUrl!
  }
  ingester = new Ingester(payload, ingestOptions())
  await ingester.start()
  await ingester.ready()
})

afterAll(async () => {
  if (!embedded && retained.size) {
    const cleaner = await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0 })
    for (const topic of retained) await cleaner.publishAsync(topic, '', { qos: 1, retain: true })
    await cleaner.endAsync()
  }
  await Promise.all(clients.map((client) => client.endAsync(true).catch(() => {})))
  for (const extra of extraIngesters) await extra.stop()
  await ingester.stop()
  await broker?.close()
  await closePayload(payload)
})

type Modem = { serial: string; key: string; id: number }

/** A pump with a device key, at the given status. */
async function pump(status: 'created' | 'released' | 'shipped' | 'in_operation' = 'in_operation'): Promise<Modem> {
  const serial = unique('MQ').toUpperCase()
  const key = `key-${serial}`
  const doc = await payload.create({
    collection: 'pumps',
    data: { serial, deviceKeyHash: deviceKeyHash(payload.secret, key) } as never,
  })
  if (status !== 'created') await importStatus(payload, doc.id, status)
  return { serial, key, id: doc.id }
}

/** A modem's connection: its device key, and its Last Will `{"online": false}` retained on its status topic. */
async function connect(modem: Modem, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  retained.add(`hp/${modem.serial}/status`)
  const client = await mqtt.connectAsync(brokerUrl, {
    clientId: `modem-${modem.serial}-${Math.random().toString(36).slice(2, 6)}`,
    username: modem.serial,
    password: modem.key,
    reconnectPeriod: 0,
    will: { topic: `hp/${modem.serial}/status`, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
    ...options,
  })
  clients.push(client)
  return client
}

/** Retained topics this run left on a shared broker, cleared at the end. */
const retained = new Set<string>()

async function publish(
  client: MqttClient,
  topic: string,
  body: unknown,
  options: mqtt.IClientPublishOptions = { qos: 1 },
) {
  if (options.retain) retained.add(topic)
  await client.publishAsync(
    topic,
    typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    options,
  )
}

async function card(id: number) {
  return payload.findByID({ collection: 'pumps', id, depth: 0, showHiddenFields: true })
}

async function modemEvents(id: number) {
  return (
    await payload.find({ collection: 'modemEvents', where: { pump: { equals: id } }, sort: 'at', limit: 0, depth: 0 })
  ).docs
}

/** Polls until `check` passes (it throws while it does not), for at most 10 s. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

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

const describeEmbedded = embedded ? describe : describe.skip
const describeExternal = embedded ? describe.skip : describe

describeEmbedded('the embedded broker: device keys and ACL', () => {
  it('refuses a wrong device key and an unknown serial', async () => {
    const modem = await pump()
    await expect(connect({ ...modem, key: 'wrong-key' })).rejects.toThrow(/Bad username or password|Not authorized/i)
    await expect(connect({ serial: 'NO-SUCH-PUMP', key: 'x', id: 0 })).rejects.toThrow(
      /Bad username or password|Not authorized/i,
    )
  })

  it('a modem cannot publish for another serial, nor outside its topics', async () => {
    const mine = await pump()
    const theirs = await pump()
    // The broker drops a modem that publishes where it may not: each attempt on a connection of its own.
    for (const topic of [`hp/${theirs.serial}/status`, `hp/${mine.serial}/firmware`]) {
      const attacker = await connect(mine)
      await publish(attacker, topic, { online: true }, { qos: 0 })
    }
    const client = await connect(mine)
    await publish(client, `hp/${mine.serial}/status`, { online: true })
    await eventually(async () => expect((await card(mine.id)).online).toBe(true))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await card(theirs.id)).online).toBe(false)
    expect(ingester.counts.rejected.bad_topic).toBe(0)
  })

  it('the HTTP auth and ACL endpoints external brokers call give the same answers', async () => {
    const modem = await pump()
    const auth = (body: Record<string, unknown>) => rest('POST', '/mqtt/auth', { body })
    expect((await auth({ username: modem.serial, password: modem.key })).body).toMatchObject({
      result: 'allow',
      ok: true,
    })
    expect((await auth({ username: modem.serial, password: 'nope' })).body).toMatchObject({ result: 'deny', ok: false })
    expect((await auth({ username: INGEST_USERNAME, password: ingestPassword(payload.secret) })).body.result).toBe(
      'allow',
    )
    const acl = (body: Record<string, unknown>) => rest('POST', '/mqtt/acl', { body })
    expect(
      (await acl({ username: modem.serial, topic: `hp/${modem.serial}/data`, action: 'publish' })).body.result,
    ).toBe('allow')
    expect((await acl({ username: modem.serial, topic: 'hp/OTHER-1/data', action: 'publish' })).body.result).toBe(
      'deny',
    )
    expect((await acl({ username: modem.serial, topic: 'hp/OTHER-1/data', acc: 2 })).body.ok).toBe(false)
    expect((await acl({ username: modem.serial, topic: 'hp/+/status', action: 'subscribe' })).body.result).toBe('deny')
    expect((await acl({ username: INGEST_USERNAME, topic: '$share/g/hp/#', action: 'subscribe' })).body.result).toBe(
      'allow',
    )
  })

  it('after a broker restart the ingestion reconnects, resubscribes and goes on', async () => {
    const port = broker!.port
    await broker!.close()
    await new Promise((resolve) => setTimeout(resolve, 300))
    broker = await startEmbeddedBroker(payload, port, ingestionHost)
    await eventually(async () => expect(ingester.connected).toBe(true), 15_000)
    await ingester.ready()
    const modem = await pump()
    const client = await connect(modem)
    await publish(client, `hp/${modem.serial}/status`, { online: true })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
  })
})

describeExternal('an external MQTT 5 broker (Mosquitto in CI)', () => {
  it('messages for unknown serials and topics outside the contract are counted, not written', async () => {
    const client = await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0 })
    clients.push(client)
    // The broker is shared with other test files, whose pumps are unknown here too: count only these messages.
    const rejected = jest.spyOn(ingester as unknown as { reject: (reason: string, what: string) => void }, 'reject')
    const before = { ...ingester.counts.rejected }
    const ghost = unique('GHOST').toUpperCase()
    const other = unique('SOME').toUpperCase()
    await publish(client, `hp/${ghost}/status`, { online: true })
    await publish(client, `hp/${other}/firmware`, { v: 1 })
    await publish(client, `hp/${other}/status/extra`, { online: true })
    const mine = (reason: string, serial: string) =>
      rejected.mock.calls.filter(([why, what]) => why === reason && what.includes(serial)).length
    await eventually(async () => {
      expect(mine('unknown_serial', ghost)).toBe(1)
      expect(mine('bad_topic', other)).toBe(2)
      expect(ingester.counts.rejected.unknown_serial - before.unknown_serial).toBeGreaterThanOrEqual(1)
      expect(ingester.counts.rejected.bad_topic - before.bad_topic).toBeGreaterThanOrEqual(2)
    })
    rejected.mockRestore()
  })

  it('two instances on one shared subscription each take part of the stream; the result is the same', async () => {
    const second = new Ingester(payload, ingestOptions())
    extraIngesters.push(second)
    await second.start()
    await second.ready()
    const modems = await Promise.all(Array.from({ length: 40 }, () => pump()))
    const publisher = await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0 })
    clients.push(publisher)
    const acceptedBefore = ingester.counts.accepted + second.counts.accepted
    for (const [index, modem] of modems.entries()) {
      await publish(publisher, `hp/${modem.serial}/status`, { online: true, fw: `2.0.${index}` })
      await publish(publisher, `hp/${modem.serial}/alarms`, { active: index % 2 ? [{ code: 'E1', text: 'x' }] : [] })
    }
    await eventually(async () => {
      for (const [index, modem] of modems.entries()) {
        expect(await card(modem.id)).toMatchObject({
          online: true,
          firmwareVersion: `2.0.${index}`,
          activeAlarms: index % 2 ? [{ code: 'E1', text: 'x', since: null }] : [],
        })
      }
    })
    expect(ingester.counts.accepted + second.counts.accepted - acceptedBefore).toBe(80)
    expect(second.counts.accepted).toBeGreaterThan(0)
    expect(ingester.counts.accepted).toBeGreaterThan(0)
  })
})
