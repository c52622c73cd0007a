// Work a process repeats in the background while its Payload is open (the telemetry job, folding the pump counts):
// once at start, then every `everyMs`. A turn still running is not started again; a failure is logged as a warning
// and the next turn retries; closing Payload stops the timer and waits for the turn under way.
import type { Payload } from 'payload'

import { onClose } from './close'

export function repeatWhileOpen(payload: Payload, what: string, everyMs: number, work: () => Promise<unknown>) {
  let running: Promise<unknown> | null = null
  const run = () => {
    if (running) return
    running = work()
      .catch((error: Error) => payload.logger.warn(`${what} failed (the next run retries): ${error.message}`))
      .finally(() => (running = null))
  }
  const timer = setInterval(run, everyMs)
  timer.unref()
  run()
  onClose(payload, async () => {
    clearInterval(timer)
    await running
  })
}
