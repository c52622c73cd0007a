// Every process's database set-up in Payload's onInit: error listeners on the pool, then migrations and reference data.
import type { Payload } from 'payload'

import { seedDemo } from '../seed/demo'
import { ensureReferenceData } from '../seed/reference'
import { settings } from '../settings'
import { applyMigrations } from './migrations'
import { survivePgErrors } from './pg-errors'
import { isShuttingDown } from './shutdown-state'

type PgEmitter = { on: (event: 'error', listener: (error: Error) => void) => unknown }
type PoolHolder = {
  pool?: PgEmitter & {
    on: (event: 'connect', listener: (client: PgEmitter) => void) => unknown
    _clients?: PgEmitter[]
    __errorsWatched?: boolean
  }
}

/**
 * Payload's postgres adapter creates its pool without `error` listeners: a connection PostgreSQL drops, idle in
 * the pool or checked out between two statements of a transaction, would kill the process. Every process that
 * loads the config (server, worker, CLI, tests) gets them here: on the pool and on each of its connections.
 */
export function watchDatabasePool(payload: Payload): void {
  const pool = (payload.db as unknown as PoolHolder).pool
  if (!pool || pool.__errorsWatched) return
  pool.__errorsWatched = true
  // During a stop the embedded PostgreSQL goes first: its connections' errors are expected then, not news.
  const log = (message: string) => {
    if (!isShuttingDown()) payload.logger.warn(message)
  }
  // An idle connection's error is also re-emitted on the pool: logged once, by the connection's own listener.
  pool.on('error', () => {})
  for (const client of pool._clients ?? []) survivePgErrors(client, 'database connection', log)
  pool.on('connect', (client) => survivePgErrors(client, 'database connection', log))
}

/**
 * Run by Payload's onInit in the processes that serve the product (server, worker), before any plugin starts:
 * the committed migrations, the reference lists, and the demo data when asked for.
 */
export async function prepareDatabase(payload: Payload): Promise<void> {
  watchDatabasePool(payload)
  if (!settings.role) return
  await applyMigrations(payload)
  await ensureReferenceData(payload)
  if (settings.seedDemo) await seedDemo(payload, { onlyIfEmpty: true })
}
