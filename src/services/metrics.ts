// Prometheus metrics (issue 14, docs/metrics.md): HTTP latency by route, the modem ingestion (rate, backlog,
// latency, refusals by reason), the database pool and the fleet's figures, in one registry read by GET /metrics.
import type { Payload } from 'payload'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { fleetOverview } from './fleet-overview'

export const registry = new Registry()
collectDefaultMetrics({ register: registry })

export const httpDuration = new Histogram({
  name: 'hp_http_request_duration_seconds',
  help: 'HTTP request duration by method, route (ids replaced by :id) and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.3, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

/** `/api/pumps/123/advance` → `/api/pumps/:id/advance`; admin pages and assets by their first segments. */
export function routeOf(path: string): string {
  const clean = path.split('?')[0]
  if (clean.startsWith('/_next/')) return '/_next/*'
  if (clean.startsWith('/admin'))
    return clean
      .split('/')
      .slice(0, 5)
      .join('/')
      .replace(/\/\d+$/, '/:id')
  return clean
    .split('/')
    .map((part) => (/^\d+$/.test(part) ? ':id' : part))
    .join('/')
}

type IngestReport = {
  state?: string
  pending?: number
  writing?: number
  commissioningBacklog?: number
  latencyMs?: { p50: number | null; p99: number | null }
  counts?: Record<string, number | Record<string, number>>
}

let ingestion: (() => IngestReport) | null = null
let payloadRef: Payload | null = null

/** The ingestion's health (its counters, backlog and latency), given by the plugin's onStarted. */
export function watchIngestion(report: () => object): void {
  ingestion = report as () => IngestReport
}

/** The Payload whose pool and fleet the metrics report. */
export function watchPayload(payload: Payload): void {
  payloadRef = payload
}

/** A counter that follows a cumulative number kept elsewhere (the ingestion's counts). */
function followingCounter(
  name: string,
  help: string,
  labelNames: string[],
  read: () => [Record<string, string>, number][],
) {
  const last = new Map<string, number>()
  return new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      for (const [labels, value] of read()) {
        const key = JSON.stringify(labels)
        const delta = value - (last.get(key) ?? 0)
        if (delta > 0) this.inc(labels, delta)
        last.set(key, value)
      }
    },
  })
}

const counts = () => ingestion?.().counts ?? {}
const ingestCount = (name: string) => () => {
  const value = counts()[name]
  return typeof value === 'number' ? ([[{}, value]] as [Record<string, string>, number][]) : []
}

followingCounter(
  'hp_ingest_messages_received_total',
  'MQTT messages received by the ingestion',
  [],
  ingestCount('received'),
)
followingCounter(
  'hp_ingest_messages_accepted_total',
  'MQTT messages that passed the checks',
  [],
  ingestCount('accepted'),
)
followingCounter(
  'hp_ingest_cards_written_total',
  'Pump cards written by the batch writer',
  [],
  ingestCount('cardsWritten'),
)
followingCounter(
  'hp_ingest_flush_failures_total',
  'Batch writes that failed (retried)',
  [],
  ingestCount('flushFailures'),
)
followingCounter('hp_ingest_cards_dropped_total', 'Cards PostgreSQL refused on their own', [], ingestCount('dropped'))
followingCounter('hp_ingest_messages_rejected_total', 'MQTT messages refused, by reason', ['reason'], () =>
  Object.entries((counts().rejected as Record<string, number> | undefined) ?? {}).map(([reason, value]) => [
    { reason },
    value,
  ]),
)

new Gauge({
  name: 'hp_ingest_backlog',
  help: 'Cards waiting to be written, being written, and pumps waiting for commissioning',
  labelNames: ['queue'],
  registers: [registry],
  collect() {
    const report = ingestion?.()
    if (!report) return
    this.set({ queue: 'pending' }, report.pending ?? 0)
    this.set({ queue: 'writing' }, report.writing ?? 0)
    this.set({ queue: 'commissioning' }, report.commissioningBacklog ?? 0)
  },
})

new Gauge({
  name: 'hp_ingest_latency_seconds',
  help: 'Publish-to-commit latency of the latest batches, by quantile',
  labelNames: ['quantile'],
  registers: [registry],
  collect() {
    const latency = ingestion?.().latencyMs
    if (latency?.p50 != null) this.set({ quantile: '0.5' }, latency.p50 / 1000)
    if (latency?.p99 != null) this.set({ quantile: '0.99' }, latency.p99 / 1000)
  },
})

new Gauge({
  name: 'hp_ingest_up',
  help: '1 when the ingestion is subscribed and progressing',
  registers: [registry],
  collect() {
    this.set(ingestion?.().state === 'up' ? 1 : 0)
  },
})

type Pool = { totalCount: number; idleCount: number; waitingCount: number }
new Gauge({
  name: 'hp_db_pool_clients',
  help: 'PostgreSQL pool: clients open, idle, and requests waiting for one',
  labelNames: ['state'],
  registers: [registry],
  collect() {
    const pool = (payloadRef?.db as unknown as { pool?: Pool } | undefined)?.pool
    if (!pool) return
    this.set({ state: 'total' }, pool.totalCount)
    this.set({ state: 'idle' }, pool.idleCount)
    this.set({ state: 'waiting' }, pool.waitingCount)
  },
})

/** The dashboard's figures for the whole fleet, as staff see them (cached: at most a minute old). */
const SYSTEM_STAFF = { collection: 'users', id: 0, role: 'admin' } as never
new Gauge({
  name: 'hp_fleet_pumps',
  help: "The fleet's dashboard figures: pumps by status and by question (online, offline, silent, alarms, …)",
  labelNames: ['figure'],
  registers: [registry],
  async collect() {
    if (!payloadRef) return
    const overview = await fleetOverview(payloadRef, SYSTEM_STAFF)
    for (const figure of [...(overview?.statuses ?? []), ...(overview?.health ?? [])])
      this.set({ figure: figure.key }, figure.count)
  },
})
