// The set-up of the hardening tests: a real broker (embedded aedes, or MQTT_URL's) and one ingester.
import type { Payload } from 'payload'

import type { EmbeddedBroker } from '../../plugins/mqtt-ingest/broker'
import { Ingester } from '../../plugins/mqtt-ingest/ingester'
import { closePayload, startPayload } from '../support/payload'
import { closeModems, ingestOptions, startBroker } from './modems'

export let payload: Payload
export let broker: EmbeddedBroker | undefined
export let brokerUrl: string
export let ingester: Ingester
/** Ingesters a test starts besides the main one: stopped after the file's tests. */
export const extra: Ingester[] = []

/** One Payload, one broker and one ingester (stalled after 300 ms) for the file's tests. */
export function useHardeningSuite(): void {
  beforeAll(async () => {
    payload = await startPayload()
    ;({ url: brokerUrl, broker } = await startBroker(payload))
    ingester = new Ingester(payload, ingestOptions(payload, brokerUrl, { stallAfterMs: 300 }))
    await ingester.start()
    await ingester.ready()
  }, 300_000)

  afterAll(async () => {
    await closeModems(brokerUrl)
    for (const other of extra) await other.stop()
    await ingester.stop()
    await broker?.close()
    await closePayload(payload)
  })
}
