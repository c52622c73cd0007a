// The committed migrations, applied on every start within a time limit that names the step and who blocks it.
import type { Payload } from 'payload'

import { migrations } from '../../migrations'
import { settings } from '../settings'
import { TimeLimitExceeded, withinTime } from './time-limit'

/** Generous for a new database on a busy 2-core machine (seconds there), short of "hung". */
export const MIGRATE_TIME_LIMIT_SECONDS = 300

export const MIGRATE_STEP = '[postgres] applying the migrations (migrations/)'
const MIGRATE_HINT =
  'another session may hold a lock on a table they change: another `npm start`, `npm run worker` or ' +
  '`npm run seed` on this database, or an open transaction (a psql session). Stop it and try again ' +
  '(SELECT pid, state, query FROM pg_stat_activity shows the sessions); on a very busy machine, just try again'

type Pool = { query: (sql: string) => Promise<{ rows: { pid: number; who: string; state: string; query: string }[] }> }

/** The sessions that hold a lock a session of this database waits for: named in the time limit's message. */
async function blockingSessions(payload: Payload): Promise<string> {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  if (!pool) return ''
  const { rows } = await withinTime(
    '[postgres] looking for blocking sessions',
    5,
    'skipped',
    pool.query(
      `SELECT DISTINCT b.pid, coalesce(nullif(b.application_name, ''), b.usename, '?') AS who, b.state,
              left(b.query, 80) AS query
         FROM pg_stat_activity w, unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
         JOIN pg_stat_activity b ON b.pid = blocker.pid
        WHERE w.datname = current_database() AND w.wait_event_type = 'Lock'`,
    ),
  )
  return rows.map((row) => `\n  waiting for pid ${row.pid} (${row.who}, ${row.state}): ${row.query}`).join('')
}

/**
 * The schema comes from the committed migrations (migrations/), applied on every start; only `npm run dev`
 * lets Drizzle push schema changes instead (into its own database, see prepare.ts). A migration that waits
 * longer than the limit (a lock another session holds, say) rejects with a message naming the step.
 */
export async function applyMigrations(payload: Payload, options: { timeLimitSeconds?: number } = {}): Promise<void> {
  if (settings.schemaPush) return
  // The generated list is typed by the adapter's own argument types; Payload's signature is looser.
  const list = migrations as unknown as Parameters<Payload['db']['migrate']>[0] extends infer A
    ? A extends { migrations?: infer M }
      ? M
      : never
    : never
  const seconds = options.timeLimitSeconds ?? MIGRATE_TIME_LIMIT_SECONDS
  try {
    await withinTime(MIGRATE_STEP, seconds, MIGRATE_HINT, payload.db.migrate({ migrations: list }))
  } catch (error) {
    if (!(error instanceof TimeLimitExceeded)) throw error
    error.message += await blockingSessions(payload).catch(() => '')
    throw error
  }
}
