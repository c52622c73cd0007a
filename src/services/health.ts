// GET /healthz: each subsystem reports its own state; the database decides the HTTP status, and a degraded
// subsystem (the MQTT ingestion not progressing) turns the top-level `status` to `degraded`.
import type { Payload } from 'payload'

export type HealthReport = { state: string; [detail: string]: unknown }
type HealthCheck = () => Promise<HealthReport> | HealthReport

const checks = new Map<string, HealthCheck>()

/** Subsystems (the MQTT ingestion, for one) add their state to /healthz here. */
export function registerHealthCheck(name: string, check: HealthCheck): void {
  checks.set(name, check)
}

async function databaseHealth(payload: Payload): Promise<HealthReport> {
  const started = performance.now()
  try {
    const pool = (payload.db as unknown as { pool: { query: (sql: string) => Promise<unknown> } }).pool
    await Promise.race([
      pool.query('SELECT 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref()),
    ])
    return { state: 'up', latencyMs: Math.round(performance.now() - started) }
  } catch (error) {
    return { state: 'down', error: (error as Error).message }
  }
}

export async function health(payload: Payload): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const database = await databaseHealth(payload)
  const body: Record<string, unknown> = { status: database.state === 'up' ? 'ok' : 'unavailable', database }
  for (const [name, check] of checks) {
    let report: HealthReport
    try {
      report = await check()
    } catch (error) {
      report = { state: 'error', error: (error as Error).message }
    }
    body[name] = report
    // Serving still works (HTTP 200), but a subsystem that is not progressing shows at the top too.
    if (body.status === 'ok' && (report.state === 'degraded' || report.state === 'error')) body.status = 'degraded'
  }
  return { ok: database.state === 'up', body }
}
