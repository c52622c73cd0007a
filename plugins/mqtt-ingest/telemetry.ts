// What the ingestion tells about itself without flooding anyone: publish-to-commit latency over the latest
// batches, and log lines limited per kind of trouble.

const LATENCY_SAMPLES = 10_000
const LOG_EVERY_MS = 10_000

/** Publish (or receive) to commit, in ms, for the latest 10,000 cards: a ring buffer. */
export class LatencyRing {
  private readonly samples = new Float64Array(LATENCY_SAMPLES)
  private count = 0

  record(ms: number): void {
    this.samples[this.count % LATENCY_SAMPLES] = ms
    this.count++
  }

  reset(): void {
    this.count = 0
  }

  percentiles(): { p50: number | null; p99: number | null; samples: number } {
    const n = Math.min(this.count, LATENCY_SAMPLES)
    if (!n) return { p50: null, p99: null, samples: 0 }
    const sorted = Array.from(this.samples.subarray(0, n)).sort((a, b) => a - b)
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]
    return { p50: at(0.5), p99: at(0.99), samples: this.count }
  }
}

/** At most one line per kind of trouble every 10 s, with how many were not logged. */
export class ThrottledLog {
  private readonly state = new Map<string, { last: number; suppressed: number }>()

  constructor(private readonly write: (message: string) => void) {}

  log(kind: string, message: string): void {
    const now = Date.now()
    const state = this.state.get(kind) ?? { last: 0, suppressed: 0 }
    if (now - state.last < LOG_EVERY_MS) {
      state.suppressed++
    } else {
      const extra = state.suppressed ? ` (+${state.suppressed} more like it)` : ''
      this.write(`${message}${extra}`)
      state.last = now
      state.suppressed = 0
    }
    this.state.set(kind, state)
  }
}

/** The `ts` of a data message, read again cheaply for the latency figure (the parser keeps receive time). */
export function sentTime(payload: Uint8Array): number | null {
  try {
    const ts = (JSON.parse(Buffer.from(payload).toString('utf8')) as { ts?: unknown }).ts
    return typeof ts === 'number' && Number.isFinite(ts) ? ts : null
  } catch {
    return null
  }
}
