// Shared by the MQTT tests: a broker (the embedded one, or MQTT_URL's), pumps with device keys, modem connections,
// and polling until the database shows what was published.
import { sql } from '@payloadcms/db-postgres'
import mqtt, { type MqttClient } from 'mqtt'
import pg from 'pg'
import type { Payload } from 'payload'

import { startEmbeddedBroker, type EmbeddedBroker } from '../../plugins/mqtt-ingest/broker'
import { ingestPassword, INGEST_USERNAME } from '../../plugins/mqtt-ingest/credentials'
import type { IngestOptions } from '../../plugins/mqtt-ingest/ingester'
import { deviceKeyHash } from '../../src/services/device-keys'
import { importStatus } from '../../src/services/lifecycle'
import { freePort } from '../../src/runtime/ports'
import { survivePgErrors } from '../../src/services/pg-errors'
import { unique } from '../support/fixtures'
import { ingestionHost } from '../../payload.config'

export const externalUrl = process.env.MQTT_URL
export const embedded = !externalUrl

export type Modem = { serial: string; key: string; id: number }

export async function startBroker(payload: Payload): Promise<{ url: string; broker?: EmbeddedBroker }> {
  if (externalUrl) return { url: externalUrl }
  const broker = await startEmbeddedBroker(payload, await freePort(), ingestionHost)
  return { url: `mqtt://127.0.0.1:${broker.port}`, broker }
}

export function ingestOptions(payload: Payload, url: string, overrides: Partial<IngestOptions> = {}): IngestOptions {
  return {
    url,
    ...(embedded ? { username: INGEST_USERNAME, password: ingestPassword(payload.secret) } : {}),
    // Each test run has a group of its own on a shared broker.
    shareGroup: embedded ? null : `hp-test-${process.pid}-${Math.random().toString(36).slice(2, 6)}`,
    flushIntervalMs: 20,
    sweepIntervalMs: 3_600_000,
    host: ingestionHost,
    ...overrides,
  }
}

/** A pump at the given status whose modem logs in with `key` (the hash set in the database, as the service does). */
export async function pump(
  payload: Payload,
  status: 'created' | 'released' | 'shipped' | 'in_operation' = 'in_operation',
  prefix = 'HD',
): Promise<Modem> {
  const serial = unique(prefix).toUpperCase()
  const key = `key-${serial}`
  const doc = await payload.create({ collection: 'pumps', data: { serial } as never })
  await execute(
    payload,
    sql`update pumps set device_key_hash = ${deviceKeyHash(payload.secret, key)} where id = ${doc.id}`,
  )
  if (status !== 'created') await importStatus(payload, doc.id, status)
  return { serial, key, id: doc.id }
}

export async function execute(
  payload: Payload,
  query: ReturnType<typeof sql>,
): Promise<{ rows: Record<string, unknown>[] }> {
  const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
  return (await db.execute(query)) as { rows: Record<string, unknown>[] }
}

/** Retained topics a run left on a shared broker, cleared by `closeModems`. */
const retained = new Set<string>()
const clients: MqttClient[] = []

export async function connect(url: string, modem: Modem, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  // A retained Last Will is a retained topic too: cleared at the end like the others.
  if (options.will?.retain) retained.add(options.will.topic)
  const client = await mqtt.connectAsync(url, {
    clientId: `modem-${modem.serial}-${Math.random().toString(36).slice(2, 6)}`,
    username: modem.serial,
    password: modem.key,
    reconnectPeriod: 0,
    ...options,
  })
  clients.push(client)
  return client
}

export async function publish(
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

export async function closeModems(url: string): Promise<void> {
  if (externalUrl && retained.size) {
    const cleaner = await mqtt.connectAsync(url, { reconnectPeriod: 0 })
    for (const topic of retained) await cleaner.publishAsync(topic, '', { qos: 1, retain: true })
    await cleaner.endAsync()
  }
  await Promise.all(clients.map((client) => client.endAsync(true).catch(() => {})))
}

export async function card(payload: Payload, id: number) {
  return payload.findByID({ collection: 'pumps', id, depth: 0, showHiddenFields: true })
}

/** Polls until `check` passes (it throws while it does not), for at most `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
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

/** A connection of its own to the test database (locks held by "another session"). */
export async function sideConnection(): Promise<pg.Client> {
  const client = survivePgErrors(new pg.Client({ connectionString: process.env.DATABASE_URL }), 'test side connection')
  await client.connect()
  return client
}
