// Alarms that came and went inside one coalescing window. The card keeps only the newest set of active alarms, so
// a code raised by one report and gone by the next, before the batch is written, would leave no record: under load
// (an alarm storm, a backlog of seconds) that lost real alarms. The card carries them here, one entry per code.
import type { Alarm } from './modem'

/** A code active in an earlier report of the window and absent from a later one: raised then, cleared since. */
export type PassedAlarm = { code: string; text: string; raisedAt: string; clearedAt: string }

type AlarmSet = { at: Date; alarms: Alarm[] }

/** Adds one passed alarm, one entry per code: the earliest raise and the latest clear (a flap is one fault). */
function addPassed(passed: PassedAlarm[], entry: PassedAlarm): PassedAlarm[] {
  const same = passed.find((item) => item.code === entry.code)
  if (!same) return [...passed, entry]
  const merged = {
    ...same,
    raisedAt: entry.raisedAt < same.raisedAt ? entry.raisedAt : same.raisedAt,
    clearedAt: entry.clearedAt > same.clearedAt ? entry.clearedAt : same.clearedAt,
  }
  return passed.map((item) => (item === same ? merged : item))
}

/** The passed alarms of two lists (a failed batch put back under newer reports). */
export function mergePassed(older: PassedAlarm[], newer: PassedAlarm[]): PassedAlarm[] {
  return newer.reduce(addPassed, older)
}

/**
 * What two alarm reports of one pump say passed: the codes of the older (by the modem's time, whichever arrived
 * first) that the newer no longer has, raised at their `since` (else the older report's time), cleared at the
 * newer report's time.
 */
export function passedBetween(passed: PassedAlarm[], a: AlarmSet | null, b: AlarmSet | null): PassedAlarm[] {
  if (!a || !b) return passed
  const [older, newer] = a.at.getTime() <= b.at.getTime() ? [a, b] : [b, a]
  const still = new Set(newer.alarms.map((alarm) => alarm.code))
  const clearedAt = newer.at.toISOString()
  return older.alarms
    .filter((alarm) => !still.has(alarm.code))
    .map((alarm) => ({
      code: alarm.code,
      text: alarm.text,
      raisedAt: alarm.since ?? older.at.toISOString(),
      clearedAt,
    }))
    .reduce(addPassed, passed)
}

/**
 * The passed alarms a written card must still record: not the codes active before the write (their record is open,
 * and the card's own difference clears it). A code active again after the write is recorded: its raise then
 * reopens that record (a flap, as across batches).
 */
export function passedToRecord(passed: PassedAlarm[] | null, before: readonly Alarm[] | null): PassedAlarm[] {
  const active = new Set((before ?? []).map((alarm) => alarm.code))
  return (passed ?? []).filter((entry) => !active.has(entry.code))
}
