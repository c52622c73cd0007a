// A pg Pool or Client emits `error` when PostgreSQL drops a connection (restart, pg_terminate_backend, network);
// with no listener that event kills the process. Everything we create from `pg` goes through here.
type ErrorEmitter = { on: (event: 'error', listener: (error: Error) => void) => unknown }

/** Logs connection errors instead of dying; the pool replaces the dead client and callers see their query fail. */
export function survivePgErrors<T extends ErrorEmitter>(
  target: T,
  what: string,
  log: (message: string) => void = console.warn,
): T {
  target.on('error', (error) =>
    log(`[postgres] ${what}: connection lost (${error.message}); it is replaced on the next query`),
  )
  return target
}
