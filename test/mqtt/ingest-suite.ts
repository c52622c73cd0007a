// The set-up of the ingestion tests: a real broker (embedded aedes, or MQTT_URL's), one ingester, and modems.
import type mqtt from 'mqtt'
import type { MqttClient } from 'mqtt'
import type { Payload } from 'payload'

import { startEmbeddedBroker, type EmbeddedBroker } from '../../plugins/mqtt-ingest/broker'
import { ingestPassword, INGEST_USERNAME } from '../../plugins/mqtt-ingest/credentials'
import { Ingester, type IngestOptions } from '../../plugins/mqtt-ingest/ingester'
import { importStatus } from '../../src/services/lifecycle'
import { deviceKeyHash } from '../../src/services/device-keys'
import { unique } from '../support/fixtures'
import { closePayload, startPayload } from '../support/payload'
import { freePort } from '../../src/runtime/ports'
import { ingestionHost } from '../../payload.config'
import { closeModems, connect as connectModem, publish, type Modem } from './modems'

export const externalUrl = process.env.MQTT_URL
export const embedded = !externalUrl

export let payload: Payload
let broker: EmbeddedBroker | undefined
export let brokerUrl: string
export let ingester: Ingester
/** Modem connections the tests opened: closed after the file's tests. */
export const clients: MqttClient[] = []
/** Ingesters a test starts besides the main one: stopped after the file's tests. */
export const extraIngesters: Ingester[] = []

export function ingestOptions(overrides: Partial<IngestOptions> = {}): IngestOptions {
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

/** One Payload, one broker (embedded unless MQTT_URL) and one ingester for the file's tests (its options overridden). */
export function useIngestion(overrides: Partial<IngestOptions> = {}): void {
  beforeAll(async () => {
    payload = await startPayload()
    if (embedded) {
      broker = await startEmbeddedBroker(payload, await freePort(), ingestionHost)
      brokerUrl = `mqtt://127.0.0.1:${broker.port}`
    } else {
      brokerUrl = externalUrl!
    }
    ingester = new Ingester(payload, ingestOptions(overrides))
    await ingester.start()
    await ingester.ready()
  })

  afterAll(async () => {
    await closeModems(brokerUrl)
    await Promise.all(clients.map((client) => client.endAsync(true).catch(() => {})))
    for (const extra of extraIngesters) await extra.stop()
    await ingester.stop()
    await broker?.close()
    await closePayload(payload)
  })
}

export type { Modem }

/** A pump with a device key, at the given status. */
export async function pump(
  status: 'created' | 'released' | 'shipped' | 'in_operation' = 'in_operation',
): Promise<Modem> {
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
export function connect(modem: Modem, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const will = {
    topic: `hp/${modem.serial}/status`,
    payload: Buffer.from('{"online":false}'),
    qos: 1 as const,
    retain: true,
  }
  return connectModem(brokerUrl, modem, { will, ...options })
}

export { publish }

export async function card(id: number) {
  return payload.findByID({ collection: 'pumps', id, depth: 0, showHiddenFields: true })
}

export async function modemEvents(id: number) {
  return (
    await payload.find({ collection: 'modemEvents', where: { pump: { equals: id } }, sort: 'at', limit: 0, depth: 0 })
  ).docs
}

/** Polls until `check` passes (it throws while it does not), for at most 10 s. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
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

/** Stops the embedded broker and starts it again on the same port (a broker restart). */
export async function restartEmbeddedBroker(): Promise<void> {
  const port = broker!.port
  await broker!.close()
  await new Promise((resolve) => setTimeout(resolve, 300))
  broker = await startEmbeddedBroker(payload, port, ingestionHost)
}
