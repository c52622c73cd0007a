// The batches being written at once. Two: the next one is built and sent while PostgreSQL works on the one before,
// so neither this process nor the database waits for the other (docs/performance.md: with one at a time, 10,000
// msg/s with history fell behind on a slower machine). A pump in both is written by the first; the second skips its
// locked row and keeps the card for later, as between two instances.
export const BATCHES_IN_FLIGHT = 2

export class InFlight {
  private readonly writes = new Set<Promise<void>>()
  /** Cards in the batches being written. */
  cards = 0

  get size(): number {
    return this.writes.size
  }

  get full(): boolean {
    return this.writes.size >= BATCHES_IN_FLIGHT
  }

  /** Tracks a batch's write (one that never rejects) until it settles. */
  add(cards: number, write: Promise<void>): void {
    this.cards += cards
    const tracked = write.finally(() => {
      this.writes.delete(tracked)
      this.cards -= cards
    })
    this.writes.add(tracked)
  }

  /** Resolves when the batches being written now are written (or failed and kept). */
  settled(): Promise<void> {
    return Promise.all(this.writes).then(() => undefined)
  }
}
