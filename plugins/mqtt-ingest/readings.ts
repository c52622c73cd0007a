// The readings of a data message (`{"ts": …, "t_out": -7.5, …}`): checked whole, so a message with one bad reading
// is refused and counted, never half-kept; and how a batch's readings become the latest values of a card.

/** At most this many readings in one message (a model reports about ten). */
export const MAX_READINGS = 64
/** A reading's magnitude above this is not a measurement (stored as float4: about 7 significant digits). */
export const MAX_READING_MAGNITUDE = 1e9
/** A magnitude below this is stored as 0 (float4 holds no smaller normal number). */
export const MIN_READING_MAGNITUDE = 1e-30
/** A key: a letter, then letters, digits, `_` or `.`; at most 32 characters. */
const KEY = /^[A-Za-z][A-Za-z0-9_.]{0,31}$/
/** Keys of a data message that are not readings. */
const NOT_READINGS = new Set(['ts'])

/** One data message's readings, keys sorted (the same key set always has the same order). */
export type Reading = { at: Date; keys: string[]; values: number[] }

/** The latest value of each key, as the card keeps it: `{"t_out": {"v": -7.5, "at": "2026-…Z"}}`. */
export type LatestValues = Record<string, { v: number; at: string }>

/**
 * The readings of a data message's body, or null when any of them is not one: a value that is not a finite number
 * or a boolean (strings, null, objects, 1e400), a magnitude over 1e9, a key outside the pattern, more than 64 keys.
 * Booleans are stored as 1 and 0, magnitudes below 1e-30 as 0.
 */
export function parseReadings(body: Record<string, unknown>, at: Date): Reading | null {
  const keys = Object.keys(body).filter((key) => !NOT_READINGS.has(key))
  if (keys.length > MAX_READINGS) return null
  keys.sort()
  const values: number[] = []
  for (const key of keys) {
    if (!KEY.test(key)) return null
    const raw = body[key]
    const value = typeof raw === 'boolean' ? Number(raw) : raw
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_READING_MAGNITUDE) return null
    // Below float4's normal range PostgreSQL refuses the value (underflow): no sensor means 1e-50, it is zero.
    values.push(Math.abs(value) < MIN_READING_MAGNITUDE ? 0 : value)
  }
  return { at, keys, values }
}

/** At most this many messages' readings wait per pump (a long outage); older ones are dropped first. */
export const MAX_PENDING_READINGS = 600

/** Appends readings, keeping the newest `MAX_PENDING_READINGS`; how many were dropped. */
export function appendReadings(list: Reading[], more: readonly Reading[]): number {
  list.push(...more)
  const excess = list.length - MAX_PENDING_READINGS
  if (excess <= 0) return 0
  list.sort((a, b) => a.at.getTime() - b.at.getTime())
  list.splice(0, excess)
  return excess
}

/**
 * The newest value of each key among a pump's pending readings; null when there are none. Of two messages with the
 * same time the first stays (as in the history: a repeated message is kept once).
 */
export function latestOf(readings: readonly Reading[]): LatestValues | null {
  if (!readings.length) return null
  const latest: LatestValues = {}
  const times: Record<string, number> = {}
  for (const reading of readings) {
    const time = reading.at.getTime()
    reading.keys.forEach((key, index) => {
      if (times[key] === undefined || time > times[key]) {
        times[key] = time
        latest[key] = { v: reading.values[index], at: reading.at.toISOString() }
      }
    })
  }
  return latest
}
