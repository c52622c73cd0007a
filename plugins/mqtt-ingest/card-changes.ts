// What changed in each card a batch wrote, from the statement's before and after: the modem history's events
// (connected, disconnected, alarms raised and cleared) and the alarm changes the host records.
import type { FlushRow } from './card-writes'
import type { AlarmChange } from './host'
import { alarmChanges, type ModemEventKind } from './modem'
import { passedToRecord } from './passed-alarms'

export type ModemEventRow = { pump: number; at: string; kind: ModemEventKind; code: string | null; text: string | null }

/** What changed in each written card: connected, disconnected, alarms raised and cleared. */
export function modemEvents(rows: FlushRow[]): ModemEventRow[] {
  const events: ModemEventRow[] = []
  for (const row of rows) {
    if (row.online !== null && row.was_online !== row.online && row.presence_at) {
      events.push({
        pump: row.id,
        at: row.presence_at,
        kind: row.online ? 'connected' : 'disconnected',
        code: null,
        text: null,
      })
    }
    const { raised, cleared } = alarmChanges(row.was_alarms ?? [], row.active_alarms ?? [])
    const at = row.alarms_at ?? new Date().toISOString()
    for (const alarm of raised)
      events.push({ pump: row.id, at, kind: 'alarm_raised', code: alarm.code, text: alarm.text })
    for (const alarm of cleared)
      events.push({ pump: row.id, at, kind: 'alarm_cleared', code: alarm.code, text: alarm.text })
    for (const { code, text, raisedAt, clearedAt } of passedToRecord(row.passed, row.was_alarms)) {
      events.push({ pump: row.id, at: raisedAt, kind: 'alarm_raised', code, text })
      events.push({ pump: row.id, at: clearedAt, kind: 'alarm_cleared', code, text })
    }
  }
  return events
}

/**
 * The alarms raised (at the modem's `since`, else the report's time) and cleared in each written card, and those
 * that came and went within its window (raised and already cleared).
 */
export function alarmRecordChanges(rows: FlushRow[]): AlarmChange[] {
  const changes: AlarmChange[] = []
  for (const row of rows) {
    const { raised, cleared } = alarmChanges(row.was_alarms ?? [], row.active_alarms ?? [])
    const at = row.alarms_at ?? new Date().toISOString()
    for (const alarm of raised)
      changes.push({ pump: row.id, code: alarm.code, text: alarm.text, kind: 'raised', at: alarm.since ?? at })
    for (const alarm of cleared) changes.push({ pump: row.id, code: alarm.code, text: alarm.text, kind: 'cleared', at })
    for (const { code, text, raisedAt, clearedAt } of passedToRecord(row.passed, row.was_alarms))
      changes.push({ pump: row.id, code, text, kind: 'raised', at: raisedAt, clearedAt })
  }
  return changes
}
