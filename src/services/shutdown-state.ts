// Whether this process is stopping: the runtime sets it on Ctrl-C or SIGTERM, the database watch reads it.
let stopping = false

/** Once a stop has begun, a lost database connection is expected (Ctrl-C reaches the embedded PostgreSQL too). */
export function isShuttingDown(): boolean {
  return stopping
}

/** Marks the stop as begun; true the first time only. */
export function beginShutdown(): boolean {
  if (stopping) return false
  stopping = true
  return true
}
