// Stopping a Payload instance cleanly: its subsystems first, then Payload, then the pool it leaves open.
import type { Payload } from 'payload'

type PgClient = { release?: (destroy?: boolean) => void; _activeQuery?: unknown; _queryQueue?: unknown[] }
type PgPool = { end: () => Promise<void>; ended?: boolean; _clients?: PgClient[]; _idle?: { client: PgClient }[] }

/** A client with a query running or waiting (pg's own fields): it goes back to the pool by itself. */
const busy = (client: PgClient) => Boolean(client._activeQuery) || (client._queryQueue?.length ?? 0) > 0

const closers = new WeakMap<Payload, (() => Promise<void>)[]>()

/** Subsystems started on a Payload instance (the modem ingestion) stop here, before the database closes. */
export function onClose(payload: Payload, close: () => Promise<void>): void {
  closers.set(payload, [...(closers.get(payload) ?? []), close])
}

/**
 * payload.destroy() leaves the PostgreSQL pool open (Payload 3.90), and the adapter keeps one client checked
 * out for good to watch for connection resets, so pool.end() alone would wait forever: release that client
 * first, then end the pool. A client still running a query (work that outlived its closer) is left to finish:
 * releasing it here made pg-pool's own release after the query throw "Release called on client which has already
 * been released", which no one can catch and which ended the whole test process in CI.
 */
export async function closePayload(payload: Payload): Promise<void> {
  for (const close of (closers.get(payload) ?? []).reverse()) await close()
  closers.delete(payload)
  const pool = (payload.db as unknown as { pool?: PgPool }).pool
  await payload.destroy()
  if (!pool || pool.ended) return
  const idle = new Set((pool._idle ?? []).map((entry) => entry.client))
  for (const client of pool._clients ?? []) if (!idle.has(client) && !busy(client)) client.release?.(true)
  await pool.end()
}
