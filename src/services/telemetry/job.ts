// Runs the telemetry maintenance on a timer in each server and worker process, ingesting or not (started by the
// config's onInit; the advisory lock makes one of them do it at a time), and once at start, so rollups and
// partitions are current after a restart.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { repeatWhileOpen } from '../periodic'
import { runTelemetryMaintenance, type Database } from './maintenance'

/** Partitions are created this many days ahead. */
const DAYS_AHEAD = 3

/** The Payload instances whose job runs: a second start in the same process is a no-op. */
const started = new WeakSet<Payload>()

export function startTelemetryJob(payload: Payload, settings: { rawDays: number; intervalSeconds: number }): void {
  if (started.has(payload)) return
  started.add(payload)
  const db = (payload.db as unknown as PostgresAdapter).drizzle as unknown as Database
  repeatWhileOpen(payload, '[telemetry] the maintenance job', settings.intervalSeconds * 1000, () =>
    runTelemetryMaintenance(db, { now: new Date(), rawDays: settings.rawDays, daysAhead: DAYS_AHEAD }),
  )
}
