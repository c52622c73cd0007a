// The hot path: modem messages → parse and check → coalesce per pump → one SQL statement per batch. Presence and
// alarm changes found by that statement are written as modem history in the same transaction; commissioning (the
// rare path) goes through the lifecycle service after the commit.
import os from 'node:os'

import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import mqtt, { type MqttClient } from 'mqtt'
import type { Payload } from 'payload'

import {
  alarmChanges,
  mergePending,
  mergeReport,
  parseModemMessage,
  REJECT_REASONS,
  TOPIC_ROOT,
  type Alarm,
  type ModemEventKind,
  type PendingCard,
  type RejectReason,
} from '../../src/domain/modem'
import { AWAITING_COMMISSIONING, type PumpStatus } from '../../src/domain/lifecycle'
import { commissionOnFirstConnection } from '../../src/services/lifecycle'

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
}

type FlushRow = {
  id: number
  serial: string
  status: PumpStatus
  was_online: boolean | null
  online: boolean | null
  was_alarms: Alarm[] | null
  active_alarms: Alarm[] | null
  presence_at: string | null
  alarms_at: string | null
}

type ModemEventRow = { pump: number; at: string; kind: ModemEventKind; code: string | null; text: string | null }

const LATENCY_SAMPLES = 10_000
const LOG_EVERY_MS = 10_000

export class Ingester {
  readonly counts = {
    received: 0,
    accepted: 0,
    rejected: Object.fromEntries(REJECT_REASONS.map((reason) => [reason, 0])) as Record<RejectReason, number>,
    flushes: 0,
    cardsWritten: 0,
    flushFailures: 0,
    commissioned: 0,
    sweptOffline: 0,
  }
  /** Publish (or receive) to commit, in ms, for the latest batches: a ring buffer. */
  private readonly latencies = new Float64Array(LATENCY_SAMPLES)
  private latencyCount = 0
  private pending = new Map<string, PendingCard & { firstSentAt: number }>()
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
  private readonly logState = new Map<string, { last: number; suppressed: number }>()
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
      ...options,
    }
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
    this.sweepTimer = setInterval(
      () => void this.sweep().catch((error: Error) => this.log('sweep', `[mqtt] the offline sweep failed: ${error.message}`)),
      this.options.sweepIntervalMs,
    )
    this.sweepTimer.unref()
  }

  /** Waits until subscribed (for tests and the worker's log line). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const started = Date.now()
    while (!this.client?.connected || !this.subscribed) {
      if (Date.now() - started > timeoutMs) throw new Error(`no connection to the MQTT broker ${this.options.url} within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  receive(topic: string, payload: Uint8Array): void {
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
    const merged = mergeReport(before, report, receivedAt)
    this.pending.set(report.serial, {
      ...merged,
      firstSentAt: Math.min(before?.firstSentAt ?? Infinity, sentAt ?? receivedAt.getTime()),
    })
  }

  private reject(reason: RejectReason, what: string): void {
    this.counts.rejected[reason]++
    this.log(`reject:${reason}`, `[mqtt] rejected (${reason}): ${what}`)
  }

  /** At most one line per kind of trouble every 10 s, with how many were not logged. */
  private log(kind: string, message: string): void {
    const now = Date.now()
    const state = this.logState.get(kind) ?? { last: 0, suppressed: 0 }
    if (now - state.last < LOG_EVERY_MS) {
      state.suppressed++
    } else {
      const extra = state.suppressed ? ` (+${state.suppressed} more like it)` : ''
      this.payload.logger.warn(`${message}${extra}`)
      state.last = now
      state.suppressed = 0
    }
    this.logState.set(kind, state)
  }

  /** Writes what is pending; on a database error keeps it (merged with newer reports) and retries later. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing
    if (this.pending.size === 0 || this.retryDelayMs < 0) return Promise.resolve()
    const batch = this.pending
    this.pending = new Map()
    this.flushing = this.writeBatch([...batch.values()])
      .then(() => {
        this.retryDelayMs = 0
        this.lastError = null
      })
      .catch((error: Error) => {
        this.counts.flushFailures++
        this.lastError = error.message
        this.log('flush', `[mqtt] writing ${batch.size} pump cards failed, will retry: ${error.message}`)
        for (const [serial, card] of batch) {
          const newer = this.pending.get(serial)
          this.pending.set(serial, newer ? { ...mergePending(card, newer), firstSentAt: Math.min(card.firstSentAt, newer.firstSentAt) } : card)
        }
        // Back off while the database is away: 0.2 s, doubling, at most 5 s.
        const delay = Math.min(Math.max(this.retryDelayMs * 2, 200), 5000)
        this.retryDelayMs = -1
        setTimeout(() => (this.retryDelayMs = delay), delay).unref()
      })
      .finally(() => {
        this.flushing = null
      })
    return this.flushing
  }

  private get drizzle() {
    return (this.payload.db as unknown as PostgresAdapter).drizzle
  }

  private async writeBatch(cards: (PendingCard & { firstSentAt: number })[]): Promise<void> {
    const rows = cards.map((card) => ({
      serial: card.serial,
      online: card.presence?.online ?? null,
      presence_at: card.presence?.at.toISOString() ?? null,
      conn: card.presence?.connectionType ?? null,
      fw: card.presence?.firmware ?? null,
      alarms: card.alarms ? card.alarms.alarms : null,
      alarms_at: card.alarms?.at.toISOString() ?? null,
      data_at: card.dataAt?.toISOString() ?? null,
      connected_at: card.connectedAt?.toISOString() ?? null,
      seen_at: card.seenAt.toISOString(),
    }))
    const written = await this.drizzle.transaction(async (tx) => {
      // Older presence or alarms never replace newer ones (another instance, a late retry, a stale retained
      // message): each is applied only when at least as new as what the card holds.
      const result = await tx.execute(sql`
        with v as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
            serial text, online boolean, presence_at timestamptz, conn text, fw text,
            alarms jsonb, alarms_at timestamptz, data_at timestamptz, connected_at timestamptz, seen_at timestamptz)
        ),
        old as (
          select p.id, p.online, p.active_alarms from pumps p join v on v.serial = p.serial
          order by p.id for update of p
        )
        update pumps p set
          online = case when v.presence_at is not null and (p.presence_at is null or p.presence_at <= v.presence_at)
            then v.online else p.online end,
          last_connected_at = case
            when v.connected_at is not null and (p.last_connected_at is null or p.last_connected_at < v.connected_at)
              then v.connected_at
            when v.presence_at is not null and v.online and not coalesce(p.online, false)
              and (p.presence_at is null or p.presence_at <= v.presence_at) then v.presence_at
            else p.last_connected_at end,
          last_disconnected_at = case when v.presence_at is not null and not v.online
            and (p.presence_at is null or p.presence_at <= v.presence_at) then v.presence_at else p.last_disconnected_at end,
          connection_type = case when v.conn is not null and (p.presence_at is null or p.presence_at <= v.presence_at)
            then v.conn::enum_pumps_connection_type else p.connection_type end,
          firmware_version = case when v.fw is not null and (p.presence_at is null or p.presence_at <= v.presence_at)
            then v.fw else p.firmware_version end,
          presence_at = greatest(p.presence_at, v.presence_at),
          active_alarms = case when v.alarms_at is not null and (p.alarms_at is null or p.alarms_at <= v.alarms_at)
            then v.alarms else p.active_alarms end,
          alarms_at = greatest(p.alarms_at, v.alarms_at),
          last_data_at = greatest(p.last_data_at, v.data_at),
          last_seen_at = greatest(p.last_seen_at, v.seen_at)
        from v, old
        where p.serial = v.serial and old.id = p.id
        returning p.id, p.serial, p.status, old.online as was_online, p.online,
          old.active_alarms as was_alarms, p.active_alarms, p.presence_at, p.alarms_at`)
      const updated = (result as unknown as { rows: FlushRow[] }).rows
      const events = modemEvents(updated)
      if (events.length) await insertModemEvents(tx, events)
      return updated
    })
    const committedAt = Date.now()
    this.counts.flushes++
    this.counts.cardsWritten += written.length
    for (const card of cards) this.recordLatency(committedAt - card.firstSentAt)
    const known = new Set(written.map((row) => row.serial))
    for (const card of cards) if (!known.has(card.serial)) this.reject('unknown_serial', `hp/${card.serial}/…`)
    await this.commission(written)
  }

  /** The rare path: a released or shipped pump now online is put into operation through the lifecycle service. */
  private async commission(rows: FlushRow[]): Promise<void> {
    for (const row of rows) {
      if (!row.online || !AWAITING_COMMISSIONING.includes(row.status) || !row.presence_at) continue
      try {
        if (await commissionOnFirstConnection(this.payload, row.serial, new Date(row.presence_at))) this.counts.commissioned++
      } catch (error) {
        this.log('commission', `[mqtt] commissioning ${row.serial} failed: ${(error as Error).message}`)
      }
    }
  }

  /** The baseline the benchmark compares with: a Local API update for every single message. */
  private async writeOne(serial: string, card: PendingCard, sentAt: number): Promise<void> {
    const data: Record<string, unknown> = {}
    if (card.presence) {
      data.online = card.presence.online
      data[card.presence.online ? 'lastConnectedAt' : 'lastDisconnectedAt'] = card.presence.at.toISOString()
    }
    if (card.alarms) data.activeAlarms = card.alarms.alarms
    if (card.dataAt) data.lastDataAt = card.dataAt.toISOString()
    try {
      await this.payload.update({
        collection: 'pumps',
        where: { serial: { equals: serial } },
        data,
        depth: 0,
        overrideAccess: true,
        context: { pumpFlow: 'ingest' },
      })
      this.counts.flushes++
      this.counts.cardsWritten++
      this.recordLatency(Date.now() - sentAt)
    } catch (error) {
      this.counts.flushFailures++
      this.log('flush', `[mqtt] naive update failed: ${(error as Error).message}`)
    }
  }

  private recordLatency(ms: number): void {
    this.latencies[this.latencyCount % LATENCY_SAMPLES] = ms
    this.latencyCount++
  }

  /** Starts the latency figures afresh (the benchmark's measured window). */
  resetLatency(): void {
    this.latencyCount = 0
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
    const n = Math.min(this.latencyCount, LATENCY_SAMPLES)
    if (!n) return { p50: null, p99: null, samples: 0 }
    const sorted = Array.from(this.latencies.subarray(0, n)).sort((a, b) => a - b)
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]
    return { p50: at(0.5), p99: at(0.99), samples: this.latencyCount }
  }

  /**
   * Marks offline the pumps nothing has been heard from for `offlineAfterMs`. One atomic statement: several
   * instances may sweep at once, and each pump goes offline (with one history event) once.
   */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.offlineAfterMs).toISOString()
    const at = now.toISOString()
    const swept = await this.drizzle.transaction(async (tx) => {
      const result = await tx.execute(sql`
        update pumps set online = false, last_disconnected_at = ${at}, presence_at = greatest(presence_at, ${at}::timestamptz)
        where online and coalesce(last_seen_at, presence_at, last_connected_at) < ${cutoff}::timestamptz
        returning id`)
      const ids = (result as unknown as { rows: { id: number }[] }).rows.map((row) => row.id)
      if (ids.length) {
        await insertModemEvents(
          tx,
          ids.map((pump) => ({ pump, at, kind: 'timed_out' as const, code: null, text: null })),
        )
      }
      return ids.length
    })
    this.counts.sweptOffline += swept
    return swept
  }

  health() {
    return {
      state: this.stopped ? 'stopped' : this.connected && this.subscribed ? (this.lastError ? 'degraded' : 'up') : 'connecting',
      broker: this.options.url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@'),
      subscription: this.options.shareGroup ? `$share/${this.options.shareGroup}/${TOPIC_ROOT}/#` : `${TOPIC_ROOT}/#`,
      pending: this.pending.size,
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
    await this.flushing
    this.retryDelayMs = 0
    await this.flush().catch(() => {})
  }
}

/** The `ts` of a data message, read again cheaply for the latency figure (the parser keeps receive time). */
function sentTime(payload: Uint8Array): number | null {
  try {
    const ts = (JSON.parse(Buffer.from(payload).toString('utf8')) as { ts?: unknown }).ts
    return typeof ts === 'number' && Number.isFinite(ts) ? ts : null
  } catch {
    return null
  }
}

/** What changed in each written card: connected, disconnected, alarms raised and cleared. */
function modemEvents(rows: FlushRow[]): ModemEventRow[] {
  const events: ModemEventRow[] = []
  for (const row of rows) {
    if (row.online !== null && row.was_online !== row.online && row.presence_at) {
      events.push({ pump: row.id, at: row.presence_at, kind: row.online ? 'connected' : 'disconnected', code: null, text: null })
    }
    const { raised, cleared } = alarmChanges(row.was_alarms ?? [], row.active_alarms ?? [])
    const at = row.alarms_at ?? new Date().toISOString()
    for (const alarm of raised) events.push({ pump: row.id, at, kind: 'alarm_raised', code: alarm.code, text: alarm.text })
    for (const alarm of cleared) events.push({ pump: row.id, at, kind: 'alarm_cleared', code: alarm.code, text: alarm.text })
  }
  return events
}

async function insertModemEvents(tx: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }, events: ModemEventRow[]) {
  await tx.execute(sql`
    insert into modem_events (pump_id, at, kind, code, text)
    select pump, at, kind::enum_modem_events_kind, code, text
    from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(pump integer, at timestamptz, kind text, code text, text text)`)
}
