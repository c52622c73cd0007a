// The rare path beside the hot one: pumps that came online while released or shipped are put into operation by a
// queue worked off a few at a time, so a wave of first connections never holds up the card writes.
import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { IngestHost } from './host'

export type CommissionerOptions = Pick<IngestHost, 'commission' | 'awaitingCommissioning'> & {
  /** Pumps commissioned at the same time (each holds one database connection while it runs). */
  concurrency: number
  /** Whether the hot path has room now; when not, commissioning waits (the card writes come first). */
  mayStart: () => boolean
  onCommissioned: (serial: string) => void
  onError: (serial: string, error: Error) => void
}

/** Most pumps one rescan takes up; the next rescan takes the rest. */
const RESCAN_LIMIT = 10_000

/**
 * A queue of serials, de-duplicated, worked off with bounded concurrency through the lifecycle service (the owner
 * of the status change). Its state is the database: a pump online and still released/shipped is found again by
 * `rescan()` (at start and with every sweep), so a restart, a crash or a failed attempt loses nothing.
 */
export class Commissioner {
  private readonly queue = new Map<string, Date>()
  private readonly running = new Map<string, Promise<void>>()
  private stopped = false
  private resumeTimer: NodeJS.Timeout | null = null
  readonly counts = { commissioned: 0, failed: 0 }

  constructor(
    private readonly payload: Payload,
    private readonly options: CommissionerOptions,
  ) {}

  /** Pumps waiting or being commissioned. */
  get backlog(): number {
    return this.queue.size + this.running.size
  }

  /** A pump seen online at `at` while awaiting commissioning; a serial already queued or running is not added again. */
  enqueue(serial: string, at: Date): void {
    if (this.stopped || this.queue.has(serial) || this.running.has(serial)) return
    this.queue.set(serial, at)
    this.work()
  }

  private work(): void {
    while (!this.stopped && this.running.size < this.options.concurrency && this.queue.size) {
      if (!this.options.mayStart()) {
        this.resumeTimer ??= setTimeout(() => {
          this.resumeTimer = null
          this.work()
        }, 100)
        return
      }
      const [serial, at] = this.queue.entries().next().value as [string, Date]
      this.queue.delete(serial)
      const task = this.options
        .commission(this.payload, serial, at)
        .then((done) => {
          if (done) {
            this.counts.commissioned++
            this.options.onCommissioned(serial)
          }
        })
        .catch((error: Error) => {
          this.counts.failed++
          this.options.onError(serial, error)
        })
        .finally(() => {
          this.running.delete(serial)
          this.work()
        })
      this.running.set(serial, task)
    }
  }

  /** Queues every pump the database holds online and still awaiting commissioning (first connection when known). */
  async rescan(): Promise<number> {
    const db = (this.payload.db as unknown as PostgresAdapter).drizzle
    const result = await db.execute(sql`
      select serial, coalesce(last_connected_at, presence_at, now()) as at from pumps
      where online and status::text in ${[...this.options.awaitingCommissioning]}
      order by id limit ${RESCAN_LIMIT}`)
    const rows = (result as unknown as { rows: { serial: string; at: string | Date }[] }).rows
    for (const row of rows) this.enqueue(row.serial, new Date(row.at))
    return rows.length
  }

  /** Resolves when nothing is queued or running (tests, the benchmark). */
  async idle(): Promise<void> {
    while (this.backlog) {
      if (this.running.size) await Promise.all([...this.running.values()])
      else await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  /** Takes nothing more and waits for the ones running. */
  async stop(): Promise<void> {
    this.stopped = true
    this.queue.clear()
    if (this.resumeTimer) clearTimeout(this.resumeTimer)
    await Promise.all([...this.running.values()])
  }
}
