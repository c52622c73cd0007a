// The benchmark's baseline, never for production: one Local API `payload.update` per modem message, one at a time,
// as a per-message hook would do it. Same parsing and latency figures as the ingester, so the two compare.
import type { Payload } from 'payload'

import { ingestionHost } from '../payload.config'
import { mergeReport, parseModemMessage, type PendingCard } from '../plugins/mqtt-ingest/modem'
import { Subscription } from '../plugins/mqtt-ingest/subscription'
import { LatencyRing, sentTime } from '../plugins/mqtt-ingest/telemetry'
import { pumpFlowContext } from '../src/domain/flow'

async function naiveUpdate(payload: Payload, serial: string, card: PendingCard): Promise<void> {
  const data: Record<string, unknown> = {}
  if (card.presence) {
    data.online = card.presence.online
    data[card.presence.online ? 'lastConnectedAt' : 'lastDisconnectedAt'] = card.presence.at.toISOString()
  }
  if (card.alarms) data.activeAlarms = card.alarms.alarms
  if (card.dataAt) data.lastDataAt = card.dataAt.toISOString()
  await payload.update({
    collection: 'pumps',
    where: { serial: { equals: serial } },
    data,
    depth: 0,
    overrideAccess: true,
    context: pumpFlowContext('ingest'),
  })
}

/** The subset of the Ingester's interface the benchmark's run uses. */
export class NaiveIngester {
  readonly counts = { received: 0, commissioned: 0, commissionFailures: 0, failures: 0 }
  private readonly latency = new LatencyRing()
  private queue: Promise<void> = Promise.resolve()
  private subscription: Subscription | null = null

  constructor(
    private readonly payload: Payload,
    private readonly url: string,
  ) {}

  async start(): Promise<void> {
    const clientId = `hp-bench-naive-${process.pid}`
    this.subscription = new Subscription(
      { url: this.url, shareGroup: null, clientId },
      { message: (topic, payload) => this.take(topic, payload), warn: (_kind, message) => console.warn(message) },
    )
  }

  private take(topic: string, bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return
    this.counts.received++
    const receivedAt = new Date()
    const parsed = parseModemMessage(topic, bytes, receivedAt, ingestionHost.normalizeSerial)
    if (!parsed.ok) return
    const card = mergeReport(undefined, parsed.report, receivedAt)
    const sentAt = parsed.report.kind === 'data' ? (sentTime(bytes) ?? receivedAt.getTime()) : receivedAt.getTime()
    this.queue = this.queue.then(() =>
      naiveUpdate(this.payload, parsed.report.serial, card).then(
        () => this.latency.record(Date.now() - sentAt),
        () => void this.counts.failures++,
      ),
    )
  }

  ready(): Promise<void> {
    return this.subscription!.ready()
  }
  resetLatency(): void {
    this.latency.reset()
  }
  latencyPercentiles() {
    return this.latency.percentiles()
  }
  /** Resolves when the queue of single updates has caught up. */
  drained(): Promise<void> {
    return this.queue
  }
  async commissioningIdle(): Promise<void> {}
  async stop(): Promise<void> {
    await this.subscription?.end()
    await this.queue
  }
}
