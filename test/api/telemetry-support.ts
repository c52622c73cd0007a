// Shared by the telemetry tests: readings put straight into history (the ingestion's own insert), and the job.
import { type sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { insertReadings } from '../../plugins/mqtt-ingest/history-writes'
import { parseReadings } from '../../plugins/mqtt-ingest/readings'
import { runTelemetryMaintenance, type Database } from '../../src/services/telemetry/maintenance'
import { TELEMETRY_TARGET } from '../../src/services/telemetry/tables'

export const drizzle = (payload: Payload) => (payload.db as unknown as { drizzle: Database }).drizzle as Database

export async function query<T = Record<string, any>>(payload: Payload, statement: ReturnType<typeof sql>) {
  return ((await drizzle(payload).execute(statement)) as { rows: T[] }).rows
}

/** Stores readings for a pump as the ingestion does (one multi-row insert, key sets, buckets marked). */
export async function store(payload: Payload, pump: number, readings: { at: Date; values: Record<string, unknown> }[]) {
  const entries = readings.map(({ at, values }) => ({ pump, reading: parseReadings(values, at)! }))
  return drizzle(payload).transaction((tx) => insertReadings(tx, TELEMETRY_TARGET, new Map(), entries))
}

export function maintain(payload: Payload, now: Date, rawDays = 30, daysAhead = 1) {
  return runTelemetryMaintenance(drizzle(payload), { now, rawDays, daysAhead })
}
