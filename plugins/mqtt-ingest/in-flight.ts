// The batches being written at once. Two: the next one is built and sent while PostgreSQL works on the one before,
// so neither this process nor the database waits for the other (docs/performance.md: with one at a time, 10,000
// msg/s with history fell behind on a slower machine). A pump is in one of them at most: its newer reports wait for
// the batch after, so they are written in the order they came (`serials`).
export const BATCHES_IN_FLIGHT = 2

export class InFlight {
  private readonly writes = new Set<Promise<void>>()
  /** The pumps whose cards are being written. */
  readonly serials = new Set<string>()

  /** Cards in the batches being written. */
  get cards(): number {
    return this.serials.size
  }

  get size(): number {
    return this.writes.size
  }

  get full(): boolean {
    return this.writes.size >= BATCHES_IN_FLIGHT
  }

  /** Tracks a batch's write (one that never rejects) until it settles. */
  add(batch: ReadonlyMap<string, unknown>, write: Promise<void>): void {
    for (const serial of batch.keys()) this.serials.add(serial)
    const tracked = write.finally(() => {
      this.writes.delete(tracked)
      for (const serial of batch.keys()) this.serials.delete(serial)
    })
    this.writes.add(tracked)
  }

  /** Resolves when the batches being written now are written (or failed and kept). */
  settled(): Promise<void> {
    return Promise.all(this.writes).then(() => undefined)
  }
}
