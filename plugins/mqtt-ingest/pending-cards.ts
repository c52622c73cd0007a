// The coalescing buffer: one pending card per pump, newer reports merged into it, so memory is bounded by the fleet.
import { mergePending, mergeReport, type ModemReport, type PendingCard } from './modem'

/** A pump's pending card, and when the oldest report in it was sent (for the publish→commit latency). */
export type Pending = PendingCard & { firstSentAt: number }

export class PendingCards {
  private cards = new Map<string, Pending>()

  get size(): number {
    return this.cards.size
  }

  /** Merges a report into its pump's card; `sentAt` is the modem's send time when the message carried one. */
  add(report: ModemReport, receivedAt: Date, sentAt: number | null): void {
    const before = this.cards.get(report.serial)
    const merged = mergeReport(before, report, receivedAt)
    this.cards.set(report.serial, {
      ...merged,
      // A modem clock ahead of ours does not make a negative latency.
      firstSentAt: Math.min(before?.firstSentAt ?? Infinity, sentAt ?? Infinity, receivedAt.getTime()),
    })
  }

  /**
   * Everything pending, as one batch, but the cards of the pumps in `busy` (being written): they stay, so that a
   * pump's reports are written in the order they came.
   */
  takeAll(busy: ReadonlySet<string> = new Set()): Map<string, Pending> {
    const batch = this.cards
    this.cards = new Map()
    for (const serial of busy) {
      const card = batch.get(serial)
      if (!card) continue
      this.cards.set(serial, card)
      batch.delete(serial)
    }
    return batch
  }

  /** Cards not written go back, under any newer reports of the same pumps. */
  putBack(batch: Map<string, Pending>, serials: string[]): void {
    for (const serial of serials) {
      const card = batch.get(serial)
      if (!card) continue
      const newer = this.cards.get(serial)
      const firstSentAt = Math.min(card.firstSentAt, newer?.firstSentAt ?? Infinity)
      this.cards.set(serial, newer ? { ...mergePending(card, newer), firstSentAt } : card)
    }
  }
}
