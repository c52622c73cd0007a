// The ingester's settings with their defaults, and the counters it reports under `mqtt` in /healthz.
import os from 'node:os'

import type { IngestHost } from './host'
import { REJECT_REASONS, type RejectReason } from './modem'

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
  clientId?: string
  /** Pumps commissioned at the same time, beside the batch loop. */
  commissionConcurrency?: number
  /** Cards pending with no successful write for this long: health says `degraded`. */
  stallAfterMs?: number
  /** The host's serial rule, device-key hash and commissioning (the plugin's options hand them on). */
  host: IngestHost
}

export type ResolvedIngestOptions = Required<Omit<IngestOptions, 'username' | 'password'>> &
  Pick<IngestOptions, 'username' | 'password'>

export function withDefaults(options: IngestOptions): ResolvedIngestOptions {
  return {
    flushIntervalMs: 100,
    offlineAfterMs: 10 * 60_000,
    sweepIntervalMs: 30_000,
    clientId: `hp-ingest-${os.hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    commissionConcurrency: 4,
    stallAfterMs: 10_000,
    ...options,
  }
}

/** What the ingestion has done since it started. */
export function newIngestCounts() {
  return {
    received: 0,
    accepted: 0,
    rejected: Object.fromEntries(REJECT_REASONS.map((reason) => [reason, 0])) as Record<RejectReason, number>,
    flushes: 0,
    cardsWritten: 0,
    /** Data messages whose readings were stored (a repeated message counts once). */
    readingsStored: 0,
    flushFailures: 0,
    /** Cards PostgreSQL refused on their own (the rest of their batch landed): dropped, not retried. */
    dropped: 0,
    commissioned: 0,
    commissionFailures: 0,
    sweptOffline: 0,
  }
}

/** Why the ingestion is not progressing, or null: writes failing, or cards waiting with no write for a while. */
export function stallReason(
  lastError: string | null,
  waiting: number,
  waitedMs: number,
  stallAfterMs: number,
): string | null {
  if (lastError) return `writes are failing: ${lastError}`
  if (waiting > 0 && waitedMs > stallAfterMs) {
    return `${waiting} cards pending and nothing written for ${(waitedMs / 1000).toFixed(1)} s`
  }
  return null
}
