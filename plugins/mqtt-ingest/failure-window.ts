// Failed attempts per key in a sliding window, in memory: per instance (each instance counts its own callers),
// bounded in size, and safe against concurrent attempts because an attempt is counted before it is checked.

export type Attempt = { allowed: boolean; forget: () => void }

export class FailureWindow {
  private readonly hits = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Keys kept at most; the least recently failed go first. */
    private readonly maxKeys = 10_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((at) => now - at < this.windowMs)
    if (list.length) this.hits.set(key, list)
    else this.hits.delete(key)
    return list
  }

  /**
   * Counts an attempt now, as a failure until `forget()` says it succeeded. Not allowed when `limit` attempts
   * already stand in the window (then nothing is counted: a throttled caller does not extend its own wait).
   */
  attempt(key: string, now = Date.now()): Attempt {
    const list = this.recent(key, now)
    if (list.length >= this.limit) return { allowed: false, forget: () => {} }
    list.push(now)
    this.hits.delete(key)
    this.hits.set(key, list)
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value as string)
    let forgotten = false
    return {
      allowed: true,
      forget: () => {
        if (forgotten) return
        forgotten = true
        const current = this.hits.get(key)
        const index = current?.indexOf(now) ?? -1
        if (current && index >= 0) current.splice(index, 1)
      },
    }
  }
}
