/**
 * Ctrl-C or SIGTERM: runs `close` once and exits; a close that hangs is cut short after 15 s (exit code 1).
 * `what` is the log prefix, e.g. "start".
 */
export function closeOnSignals(what: string, close: () => Promise<void>, farewell = 'shutting down'): void {
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`[${what}] ${signal}: ${farewell}`)
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    try {
      await close()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}
