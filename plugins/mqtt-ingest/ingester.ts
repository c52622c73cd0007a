// The hot path: modem messages → parse and check → coalesce per pump → one SQL statement per batch. Presence and
// alarm changes found by that statement are written as modem history in the same transaction; commissioning (the
// rare path) is queued beside it (commissioner.ts) and never holds up the next batch.
import os from 'node:os'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import mqtt, { type MqttClient } from 'mqtt'
import type { Payload } from 'payload'

import {
  mergePending,
  mergeReport,
  parseModemMessage,
  REJECT_REASONS,
  TOPIC_ROOT,
  type PendingCard,
  type RejectReason,
} from '../../src/domain/modem'
import { AWAITING_COMMISSIONING } from '../../src/domain/lifecycle'
import { cardRow, naiveUpdate, sweepOffline, writeIsolating, type CardRow, type Database, type FlushRow, type WriteOutcome } from './card-writes'
import { Commissioner } from './commissioner'
import { LatencyRing, sentTime, ThrottledLog } from './telemetry'

export type IngestOptions = {
  url: string
  username?: string
  password?: string
  /** MQTT 5 shared subscription group (`$share/<group>/hp/#`); null subscribes plainly (aedes speaks 3.1.1 only). */
  shareGroup: string | null
  flushIntervalMs?: number
  /** A pump with nothing heard for this long is marked offline by the sweep. */
  offlineAfterMs?: number
  sweepIntervalMs?: number
  /** `naive`: one Local API update per message — the benchmark's baseline, never for production. */
  mode?: 'bulk' | 'naive'
  clientId?: string
  /** Pumps commissioned at the same time, beside the batch loop. */
  commissionConcurrency?: number
  /** Cards pending with no successful write for this long: health says `degraded`. */
  stallAfterMs?: number
}

type Pending = PendingCard & { firstSentAt: number }

/** A batch write slower than this, or cards waiting longer, holds back new commissioning. */
const HOT_PATH_BUSY_MS = 300

export class Ingester {
  readonly counts = {
    received: 0,
    accepted: 0,
    rejected: Object.fromEntries(REJECT_REASONS.map((reason) => [reason, 0])) as Record<RejectReason, number>,
    flushes: 0,
    cardsWritten: 0,
    flushFailures: 0,
    /** Cards PostgreSQL refused on their own (the rest of their batch landed): dropped, not retried. */
    dropped: 0,
    commissioned: 0,
    commissionFailures: 0,
    sweptOffline: 0,
  }
  /** Publish (or receive) to commit, in ms, for the latest batches: a ring buffer. */
  private readonly latency = new LatencyRing()
  private pending = new Map<string, Pending>()
  /** When the ingestion last made progress: a batch committed, or cards started waiting after none were. */
  private progressAt = Date.now()
  private lastFlushAt: number | null = null
  /** Cards in the batch being written. */
  private writing = 0
  /** How long the last batch took to write, in ms. */
  private lastWriteMs = 0
  private readonly commissioner: Commissioner
  private client: MqttClient | null = null
  private flushTimer: NodeJS.Timeout | null = null
  private sweepTimer: NodeJS.Timeout | null = null
  private flushing: Promise<void> | null = null
  private retryDelayMs = 0
  private lastError: string | null = null
  private stopped = false
  private subscribed = false
  /** Naive mode writes one message at a time, as a per-message hook would. */
  private naiveQueue: Promise<void> = Promise.resolve()
  private readonly logger: ThrottledLog
  readonly options: Required<Omit<IngestOptions, 'username' | 'password'>> & Pick<IngestOptions, 'username' | 'password'>

  constructor(
    private readonly payload: Payload,
    options: IngestOptions,
  ) {
    this.options = {
      flushIntervalMs: 100,
      offlineAfterMs: 10 * 60_000,
      sweepIntervalMs: 30_000,
      mode: 'bulk',
      clientId: `hp-ingest-${os.hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      commissionConcurrency: 4,
      stallAfterMs: 10_000,
      ...options,
    }
    this.logger = new ThrottledLog((message) => payload.logger.warn(message))
    this.commissioner = new Commissioner(payload, {
      concurrency: this.options.commissionConcurrency,
      // The card writes come first: no new commissioning while the last batch took long or cards wait long.
      mayStart: () => this.lastWriteMs < HOT_PATH_BUSY_MS && (this.writing + this.pending.size === 0 || Date.now() - this.progressAt < HOT_PATH_BUSY_MS),
      onCommissioned: () => this.counts.commissioned++,
      onError: (serial, error) => {
        this.counts.commissionFailures++
        this.log('commission', `[mqtt] commissioning ${serial} failed (retried with the next sweep): ${error.message}`)
      },
    })
  }

  get connected(): boolean {
    return Boolean(this.client?.connected)
  }

  async start(): Promise<void> {
    const { url, username, password, shareGroup, clientId } = this.options
    const topic = shareGroup ? `$share/${shareGroup}/${TOPIC_ROOT}/#` : `${TOPIC_ROOT}/#`
    this.client = mqtt.connect(url, {
      clientId,
      username,
      password,
      protocolVersion: shareGroup ? 5 : 4,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      // Subscribed below on every connection instead (and marked ready only once the broker grants it).
      resubscribe: false,
    })
    this.client.on('message', (messageTopic, payload) => this.receive(messageTopic, payload))
    this.client.on('error', (error) => this.log('broker', `[mqtt] broker error: ${error.message}`))
    this.client.on('offline', () => this.log('broker', '[mqtt] broker unreachable; reconnecting'))
    this.client.on('close', () => (this.subscribed = false))
    // Subscribed on every (re)connection: a clean session forgets subscriptions, and retained status and alarms
    // arrive again, so the cards converge to what each modem last reported.
    this.client.on('connect', () => {
      this.client?.subscribe(topic, { qos: 1 }, (error, granted) => {
        // A broker that refuses the subscription grants 128 (3.1.1) or a reason code ≥ 0x80 (5).
        const refused = granted?.some((grant) => grant.qos >= 0x80)
        if (error || refused) this.log('subscribe', `[mqtt] subscribing to ${topic} failed: ${error?.message ?? 'refused'}`)
        else this.subscribed = true
      })
    })
    this.flushTimer = setInterval(() => void this.flush(), this.options.flushIntervalMs)
    this.flushTimer.unref()
    this.sweepTimer = setInterval(() => {
      void this.sweep().catch((error: Error) => this.log('sweep', `[mqtt] the offline sweep failed: ${error.message}`))
      this.rescanCommissioning()
    }, this.options.sweepIntervalMs)
    this.sweepTimer.unref()
    // Pumps that came online before a restart and were not commissioned yet.
    this.rescanCommissioning()
  }

  private rescanCommissioning(): void {
    if (this.options.mode === 'naive') return
    this.commissioner.rescan().catch((error: Error) => this.log('commission', `[mqtt] looking for pumps to commission failed: ${error.message}`))
  }

  /** Waits until subscribed (for tests and the worker's log line). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const started = Date.now()
    while (!this.client?.connected || !this.subscribed) {
      if (Date.now() - started > timeoutMs) throw new Error(`no connection to the MQTT broker ${this.options.url} within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Takes one message; never throws (whatever a modem sends, the next message is taken). */
  receive(topic: string, payload: Uint8Array): void {
    try {
      this.take(topic, payload)
    } catch (error) {
      this.reject('invalid_payload', `${topic}: ${(error as Error).message}`)
    }
  }

  private take(topic: string, payload: Uint8Array): void {
    // An empty retained message is how a retained topic is deleted: nothing was reported.
    if (payload.byteLength === 0) return
    const receivedAt = new Date()
    this.counts.received++
    const parsed = parseModemMessage(topic, payload, receivedAt)
    if (!parsed.ok) {
      this.reject(parsed.reason, `${topic}${parsed.serial ? '' : ' (outside the contract)'}`)
      return
    }
    this.counts.accepted++
    if (this.options.mode === 'naive') {
      const card = mergeReport(undefined, parsed.report, receivedAt)
      const sentAt = parsed.report.kind === 'data' ? (sentTime(payload) ?? receivedAt.getTime()) : receivedAt.getTime()
      this.naiveQueue = this.naiveQueue.then(() => this.writeOne(parsed.report.serial, card, sentAt))
      return
    }
    const { report } = parsed
    const sentAt = report.kind === 'data' ? sentTime(payload) : null
    const before = this.pending.get(report.serial)
    if (this.pending.size === 0 && !this.flushing) this.progressAt = Date.now()
    const merged = mergeReport(before, report, receivedAt)
    this.pending.set(report.serial, {
      ...merged,
      // A modem clock ahead of ours does not make a negative latency.
      firstSentAt: Math.min(before?.firstSentAt ?? Infinity, sentAt ?? Infinity, receivedAt.getTime()),
    })
  }

  private reject(reason: RejectReason, what: string): void {
    this.counts.rejected[reason]++
    this.log(`reject:${reason}`, `[mqtt] rejected (${reason}): ${what}`)
  }

  private log(kind: string, message: string): void {
    this.logger.log(kind, message)
  }

  /**
   * Writes what is pending. A card PostgreSQL refuses on its own is dropped and counted (the rest of the batch
   * lands); when the database fails as a whole, what was not written is kept (merged with newer reports) and
   * retried with back-off.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing
    if (this.pending.size === 0 || this.retryDelayMs < 0) return Promise.resolve()
    const batch = this.pending
    this.pending = new Map()
    this.writing = batch.size
    const started = Date.now()
    this.flushing = this.writeBatch(batch)
      .then(() => {
        this.lastWriteMs = Date.now() - started
      })
      .catch((error: Error) => this.failed(batch, [...batch.keys()], error))
      .finally(() => {
        this.flushing = null
        this.writing = 0
      })
    return this.flushing
  }

  private get drizzle() {
    return (this.payload.db as unknown as PostgresAdapter).drizzle
  }

  private async writeBatch(batch: Map<string, Pending>): Promise<void> {
    const rows: CardRow[] = []
    for (const card of batch.values()) {
      try {
        rows.push(cardRow(card))
      } catch (error) {
        this.drop(card.serial, error as Error)
      }
    }
    const outcome: WriteOutcome = { written: [], skipped: [], dropped: [], failed: null }
    await writeIsolating(this.drizzle as unknown as Database, rows, outcome)
    for (const { serial, error } of outcome.dropped) this.drop(serial, error)
    this.putBack(batch, outcome.skipped)
    if (outcome.written.length || !outcome.failed) this.committed(batch, outcome)
    if (outcome.failed) this.failed(batch, outcome.failed.serials, outcome.failed.error)
    else {
      this.retryDelayMs = 0
      this.lastError = null
    }
  }

  /** Bookkeeping for what was committed: counts, latency, unknown serials, and the commissioning queue. */
  private committed(batch: Map<string, Pending>, outcome: WriteOutcome): void {
    const committedAt = Date.now()
    this.progressAt = committedAt
    this.lastFlushAt = committedAt
    this.counts.flushes++
    this.counts.cardsWritten += outcome.written.length
    const notWritten = new Set([...outcome.dropped.map((entry) => entry.serial), ...outcome.skipped, ...(outcome.failed?.serials ?? [])])
    const known = new Set(outcome.written.map((row) => row.serial))
    for (const card of batch.values()) {
      if (notWritten.has(card.serial)) continue
      this.recordLatency(committedAt - card.firstSentAt)
      if (!known.has(card.serial)) this.reject('unknown_serial', `hp/${card.serial}/…`)
    }
    this.commission(outcome.written)
  }

  private drop(serial: string, error: Error): void {
    this.counts.dropped++
    this.log('drop', `[mqtt] the card of ${serial} was refused by the database and dropped: ${error.message}`)
  }

  /** The database failed: the cards not written go back (merged with newer reports), and writes pause a while. */
  private failed(batch: Map<string, Pending>, serials: string[], error: Error): void {
    this.counts.flushFailures++
    this.lastError = error.message
    this.log('flush', `[mqtt] writing ${serials.length} pump cards failed, will retry: ${error.message}`)
    this.putBack(batch, serials)
    // Back off while the database is away: 0.2 s, doubling, at most 5 s.
    const delay = Math.min(Math.max(this.retryDelayMs * 2, 200), 5000)
    this.retryDelayMs = -1
    setTimeout(() => (this.retryDelayMs = delay), delay).unref()
  }

  /** Cards not written go back to what is pending, under any newer reports of the same pumps. */
  private putBack(batch: Map<string, Pending>, serials: string[]): void {
    for (const serial of serials) {
      const card = batch.get(serial)
      if (!card) continue
      const newer = this.pending.get(serial)
      this.pending.set(serial, newer ? { ...mergePending(card, newer), firstSentAt: Math.min(card.firstSentAt, newer.firstSentAt) } : card)
    }
  }

  /** The rare path: a released or shipped pump now online is queued for the lifecycle service; nothing waits for it. */
  private commission(rows: FlushRow[]): void {
    for (const row of rows) {
      if (row.online && AWAITING_COMMISSIONING.includes(row.status) && row.presence_at) {
        this.commissioner.enqueue(row.serial, new Date(row.presence_at))
      }
    }
  }

  /** Resolves when no pump waits for commissioning (tests, the benchmark). */
  commissioningIdle(): Promise<void> {
    return this.commissioner.idle()
  }

  /** The baseline the benchmark compares with: a Local API update for every single message. */
  private async writeOne(serial: string, card: PendingCard, sentAt: number): Promise<void> {
    try {
      await naiveUpdate(this.payload, serial, card)
      this.counts.flushes++
      this.counts.cardsWritten++
      this.recordLatency(Date.now() - sentAt)
    } catch (error) {
      this.counts.flushFailures++
      this.log('flush', `[mqtt] naive update failed: ${(error as Error).message}`)
    }
  }

  private recordLatency(ms: number): void {
    this.latency.record(ms)
  }

  /** Starts the latency figures afresh (the benchmark's measured window). */
  resetLatency(): void {
    this.latency.reset()
  }

  /** Messages taken but not yet written. */
  get backlog(): number {
    return this.pending.size
  }

  /** Resolves when the naive queue has caught up. */
  async drained(): Promise<void> {
    await this.naiveQueue
    await this.flush()
  }

  latencyPercentiles(): { p50: number | null; p99: number | null; samples: number } {
    return this.latency.percentiles()
  }

  /**
   * Marks offline the pumps nothing has been heard from for `offlineAfterMs`. One atomic statement: several
   * instances may sweep at once, and each pump goes offline (with one history event) once.
   */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.offlineAfterMs).toISOString()
    const at = now.toISOString()
    const swept = await sweepOffline(this.drizzle as unknown as Database, cutoff, at)
    this.counts.sweptOffline += swept
    return swept
  }

  /** Why the ingestion is not progressing, or null: writes failing, or cards waiting with no write for a while. */
  private trouble(now = Date.now()): string | null {
    if (this.lastError) return `writes are failing: ${this.lastError}`
    const waited = now - this.progressAt
    const waiting = this.pending.size + this.writing
    if (waiting > 0 && waited > this.options.stallAfterMs) {
      return `${waiting} cards pending and nothing written for ${(waited / 1000).toFixed(1)} s`
    }
    return null
  }

  health() {
    const trouble = this.trouble()
    return {
      state: this.stopped ? 'stopped' : !(this.connected && this.subscribed) ? 'connecting' : trouble ? 'degraded' : 'up',
      ...(trouble ? { reason: trouble } : {}),
      broker: this.options.url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@'),
      subscription: this.options.shareGroup ? `$share/${this.options.shareGroup}/${TOPIC_ROOT}/#` : `${TOPIC_ROOT}/#`,
      pending: this.pending.size,
      writing: this.writing,
      lastFlushAt: this.lastFlushAt ? new Date(this.lastFlushAt).toISOString() : null,
      commissioningBacklog: this.commissioner.backlog,
      lastError: this.lastError,
      counts: this.counts,
      latencyMs: this.latencyPercentiles(),
    }
  }

  /** Stops taking messages, writes what is pending (one last try), and disconnects. */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    if (this.flushTimer) clearInterval(this.flushTimer)
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    await new Promise<void>((resolve) => (this.client ? this.client.end(false, {}, () => resolve()) : resolve()))
    await this.commissioner.stop()
    await this.flushing
    this.retryDelayMs = 0
    await this.flush().catch(() => {})
  }
}
