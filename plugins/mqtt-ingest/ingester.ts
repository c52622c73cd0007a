// The hot path: modem messages → parse and check → coalesce per pump → one SQL statement per batch. Presence and
// alarm changes found by that statement are written as modem history in the same transaction; commissioning (the
// rare path) is queued beside it (commissioner.ts) and never holds up the next batch.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import {
  cardRow,
  sweepOffline,
  writeIsolating,
  type CardRow,
  type Database,
  type FlushRow,
  type WriteOutcome,
} from './card-writes'
import { Commissioner } from './commissioner'
import { historyWrites, type KeysetCache } from './history-writes'
import { InFlight } from './in-flight'
export type { IngestOptions } from './ingest-options'
import {
  newIngestCounts,
  stallReason,
  withDefaults,
  type IngestOptions,
  type ResolvedIngestOptions,
} from './ingest-options'
import { parseModemMessage, type RejectReason } from './modem'
import { PendingCards, type Pending } from './pending-cards'
import { Subscription, subscriptionTopic } from './subscription'
import { LatencyRing, sentTime, ThrottledLog } from './telemetry'

/** A batch write slower than this, or cards waiting longer, holds back new commissioning. */
const HOT_PATH_BUSY_MS = 300

export class Ingester {
  readonly counts = newIngestCounts()
  /** Publish (or receive) to commit, in ms, for the latest batches: a ring buffer. */
  private readonly latency = new LatencyRing()
  private readonly pending = new PendingCards()
  private readonly keysets: KeysetCache = new Map()
  /** When the ingestion last made progress: a batch committed, or cards started waiting after none were. */
  private progressAt = Date.now()
  private lastFlushAt: number | null = null
  private readonly inFlight = new InFlight()
  /** How long the last batch took to write, in ms. */
  private lastWriteMs = 0
  private readonly commissioner: Commissioner
  private subscription: Subscription | null = null
  private flushTimer: NodeJS.Timeout | null = null
  private sweepTimer: NodeJS.Timeout | null = null
  private retryDelayMs = 0
  private lastError: string | null = null
  private stopped = false
  /** A warning, at most once per 10 s per kind of trouble. */
  private readonly log: (kind: string, message: string) => void
  readonly options: ResolvedIngestOptions

  constructor(
    private readonly payload: Payload,
    options: IngestOptions,
  ) {
    this.options = withDefaults(options)
    const throttled = new ThrottledLog((message) => payload.logger.warn(message))
    this.log = (kind, message) => throttled.log(kind, message)
    this.commissioner = new Commissioner(payload, {
      commission: this.options.host.commission,
      awaitingCommissioning: this.options.host.awaitingCommissioning,
      concurrency: this.options.commissionConcurrency,
      // The card writes come first: no new commissioning while the last batch took long or cards wait long.
      mayStart: () =>
        this.lastWriteMs < HOT_PATH_BUSY_MS &&
        (this.inFlight.cards + this.pending.size === 0 || Date.now() - this.progressAt < HOT_PATH_BUSY_MS),
      onCommissioned: () => this.counts.commissioned++,
      onError: (serial, error) => {
        this.counts.commissionFailures++
        this.log('commission', `[mqtt] commissioning ${serial} failed (retried with the next sweep): ${error.message}`)
      },
    })
  }

  get connected(): boolean {
    return Boolean(this.subscription?.connected)
  }

  async start(): Promise<void> {
    const { url, username, password, shareGroup, clientId } = this.options
    this.subscription = new Subscription(
      { url, username, password, shareGroup, clientId },
      {
        message: (topic, payload) => this.receive(topic, payload),
        warn: this.log,
      },
    )
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
    const failed = (error: Error) =>
      this.log('commission', `[mqtt] looking for pumps to commission failed: ${error.message}`)
    this.commissioner.rescan().catch(failed)
  }

  /** Waits until subscribed (for tests and the worker's log line). */
  async ready(timeoutMs = 10_000): Promise<void> {
    if (!this.subscription) throw new Error('the ingestion has not been started')
    await this.subscription.ready(timeoutMs)
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
    const parsed = parseModemMessage(topic, payload, receivedAt, this.options.host.normalizeSerial)
    if (!parsed.ok) {
      this.reject(parsed.reason, `${topic}${parsed.serial ? '' : ' (outside the contract)'}`)
      return
    }
    this.counts.accepted++
    const { report } = parsed
    if (this.pending.size === 0 && this.inFlight.size === 0) this.progressAt = Date.now()
    this.pending.add(report, receivedAt, report.kind === 'data' ? sentTime(payload) : null)
  }

  private reject(reason: RejectReason, what: string): void {
    this.counts.rejected[reason]++
    this.log(`reject:${reason}`, `[mqtt] rejected (${reason}): ${what}`)
  }

  /**
   * Writes what is pending. A card PostgreSQL refuses on its own is dropped and counted (the rest of the batch
   * lands); when the database fails as a whole, what was not written is kept (merged with newer reports) and
   * retried with back-off. Starts a batch unless two are being written (in-flight.ts); resolves when those are.
   */
  flush(): Promise<void> {
    const batch = this.inFlight.full || this.retryDelayMs < 0 ? null : this.pending.takeAll(this.inFlight.serials)
    if (batch?.size) {
      const started = Date.now()
      const write = this.writeBatch(batch)
        .then(() => void (this.lastWriteMs = Date.now() - started))
        .catch((error: Error) => this.failed(batch, [...batch.keys()], error))
      this.inFlight.add(batch, write)
    }
    return this.inFlight.settled()
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
    const history = historyWrites(this.options.host.telemetry, this.keysets, batch, this.counts)
    const recordAlarms = this.options.host.recordAlarms
    await writeIsolating(this.drizzle as unknown as Database, rows, outcome, { history, recordAlarms })
    for (const { serial, error } of outcome.dropped) this.drop(serial, error)
    this.pending.putBack(batch, outcome.skipped)
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
    const notWritten = new Set([
      ...outcome.dropped.map((entry) => entry.serial),
      ...outcome.skipped,
      ...(outcome.failed?.serials ?? []),
    ])
    const known = new Set(outcome.written.map((row) => row.serial))
    for (const card of batch.values()) {
      if (notWritten.has(card.serial)) continue
      this.latency.record(committedAt - card.firstSentAt)
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
    this.pending.putBack(batch, serials)
    // Back off while the database is away: 0.2 s, doubling, at most 5 s.
    const delay = Math.min(Math.max(this.retryDelayMs * 2, 200), 5000)
    this.retryDelayMs = -1
    setTimeout(() => (this.retryDelayMs = delay), delay).unref()
  }

  /** The rare path: a released or shipped pump now online is queued for the lifecycle service; nothing waits for it. */
  private commission(rows: FlushRow[]): void {
    for (const row of rows) {
      if (row.online && this.options.host.awaitingCommissioning.includes(row.status) && row.presence_at) {
        this.commissioner.enqueue(row.serial, new Date(row.presence_at))
      }
    }
  }

  /** Resolves when no pump waits for commissioning (tests, the benchmark). */
  commissioningIdle = (): Promise<void> => this.commissioner.idle()

  /** Starts the latency figures afresh (the benchmark's measured window). */
  resetLatency = (): void => this.latency.reset()

  /** Resolves when what was taken is written (batches until none waits, at most 10; the benchmarks and tests). */
  drained = async (): Promise<void> => {
    for (let round = 0; round < 10 && this.pending.size + this.inFlight.size > 0 && this.retryDelayMs >= 0; round++)
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

  health() {
    const waiting = this.pending.size + this.inFlight.cards
    const trouble = stallReason(this.lastError, waiting, Date.now() - this.progressAt, this.options.stallAfterMs)
    return {
      state: this.stopped ? 'stopped' : !this.subscription?.live ? 'connecting' : trouble ? 'degraded' : 'up',
      ...(trouble ? { reason: trouble } : {}),
      broker: this.options.url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@'),
      subscription: subscriptionTopic(this.options.shareGroup),
      pending: this.pending.size,
      writing: this.inFlight.cards,
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
    await this.subscription?.end()
    await this.commissioner.stop()
    await this.inFlight.settled()
    this.retryDelayMs = 0
    await this.flush().catch(() => {})
  }
}
