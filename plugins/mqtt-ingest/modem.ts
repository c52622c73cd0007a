// What modems send over MQTT (docs/mqtt.md is the contract) and how their reports merge into a pump card.
// Plain TypeScript: the ingestion plugin, the broker's ACL and the tests use it. Serials are written the host's way
// (its `normalizeSerial`, given to each function that reads one from a topic or a login).
import { mergePassed, passedBetween, type PassedAlarm } from './passed-alarms'
import { appendReadings, parseReadings, type Reading } from './readings'

/** How the host writes a serial (e.g. trimmed, upper case), so a topic finds the pump it names. */
export type NormalizeSerial = (input: string) => string

/** `hp/{serial}/status|data|alarms`. */
export const TOPIC_ROOT = 'hp'
export const MESSAGE_KINDS = ['status', 'data', 'alarms'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]
export const CONNECTION_TYPES = ['gsm', 'ethernet', 'wifi'] as const
export type ConnectionType = (typeof CONNECTION_TYPES)[number]

export const MAX_PAYLOAD_BYTES = 16 * 1024
/** A modem clock ahead of ours by more than this is not believed: the receive time stands in for its time. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000
/** Every time a modem sends (`ts`, `since`) must fall in [2000-01-01, 2100-01-01) UTC, else it is not a time. */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1)
export const LATEST_TIME_MS = Date.UTC(2100, 0, 1)
/** Longest serial read from a topic; longer is outside the contract. */
const MAX_SERIAL_LENGTH = 64

export const REJECT_REASONS = [
  'bad_topic',
  'oversized',
  'malformed_json',
  'invalid_payload',
  'invalid_reading',
  'unknown_serial',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

export type Alarm = { code: string; text: string; since: string | null }

export type ModemReport =
  | {
      kind: 'status'
      serial: string
      at: Date
      online: boolean
      connectionType: ConnectionType | null
      firmware: string | null
    }
  | { kind: 'data'; serial: string; at: Date; readings: Reading }
  | { kind: 'alarms'; serial: string; at: Date; alarms: Alarm[] }

export type Parsed = { ok: true; report: ModemReport } | { ok: false; reason: RejectReason; serial?: string }

/**
 * Text PostgreSQL can store, in a text column and in jsonb alike: no NUL, no unpaired UTF-16 surrogate (what
 * `\u0000` or `\ud800` in a JSON string decode to). One such string would fail the whole batch's statement.
 */
export function isStorableText(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL cannot store
  return !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)
}

/** The first `length` UTF-16 units of a storable text, without cutting a surrogate pair in two. */
function truncate(value: string, length: number): string {
  const cut = value.slice(0, length)
  return isStorableText(cut) ? cut : cut.slice(0, -1)
}

export function parseTopic(
  topic: string,
  normalizeSerial: NormalizeSerial,
): { serial: string; kind: MessageKind } | null {
  const parts = topic.split('/')
  if (parts.length !== 3 || parts[0] !== TOPIC_ROOT || !parts[1]) return null
  if (parts[1].length > MAX_SERIAL_LENGTH || !isStorableText(parts[1])) return null
  if (!(MESSAGE_KINDS as readonly string[]).includes(parts[2])) return null
  return { serial: normalizeSerial(parts[1]), kind: parts[2] as MessageKind }
}

/** Whether a modem logged in as `serial` may publish on `topic`: only its own three topics. */
export function mayPublish(serial: string, topic: string, normalizeSerial: NormalizeSerial): boolean {
  const parsed = parseTopic(topic, normalizeSerial)
  return parsed !== null && parsed.serial === normalizeSerial(serial)
}

/**
 * A time as epoch milliseconds or ISO 8601, within [EARLIEST_TIME_MS, LATEST_TIME_MS); anything else (1e20, -1,
 * NaN, epoch seconds, year 9999) is not a time. Every Date this returns has a valid `toISOString()` and fits
 * PostgreSQL's timestamptz.
 */
export function parseTime(value: unknown): Date | null {
  let time: number
  if (typeof value === 'number') time = value
  else if (typeof value === 'string' && value.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(value))
    time = Date.parse(value)
  else return null
  return Number.isFinite(time) && time >= EARLIEST_TIME_MS && time < LATEST_TIME_MS ? new Date(time) : null
}

/**
 * A modem's time (`ts`, `since`) as believed: absent → `absent`; not a time → null (refused); more than 5 min
 * ahead of our clock → when we received it (the modem's clock is wrong, the report still counts).
 */
function modemTime(value: unknown, receivedAt: Date, absent: Date | null): Date | null | 'invalid' {
  if (value === undefined || value === null) return absent
  const time = parseTime(value)
  if (!time) return 'invalid'
  return time.getTime() > receivedAt.getTime() + MAX_CLOCK_AHEAD_MS ? receivedAt : time
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function parseAlarm(value: unknown, receivedAt: Date): Alarm | null {
  if (!isObject(value) || typeof value.code !== 'string' || !value.code || value.code.length > 64) return null
  if (!isStorableText(value.code)) return null
  if (value.text !== undefined && (typeof value.text !== 'string' || !isStorableText(value.text))) return null
  const since = modemTime(value.since, receivedAt, null)
  if (since === 'invalid') return null
  return {
    code: value.code,
    text: truncate((value.text as string | undefined) ?? '', 500),
    since: since?.toISOString() ?? null,
  }
}

export function parseModemMessage(
  topic: string,
  payload: Uint8Array,
  receivedAt: Date,
  normalizeSerial: NormalizeSerial,
): Parsed {
  const address = parseTopic(topic, normalizeSerial)
  if (!address) return { ok: false, reason: 'bad_topic' }
  const { serial, kind } = address
  if (payload.byteLength > MAX_PAYLOAD_BYTES) return { ok: false, reason: 'oversized', serial }
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(payload).toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed_json', serial }
  }
  const invalid: Parsed = { ok: false, reason: 'invalid_payload', serial }
  if (!isObject(body)) return invalid
  const at = modemTime(body.ts, receivedAt, receivedAt)
  if (!at || at === 'invalid') return invalid
  if (kind === 'status') {
    if (typeof body.online !== 'boolean') return invalid
    const conn = body.conn
    if (conn !== undefined && !(CONNECTION_TYPES as readonly unknown[]).includes(conn)) return invalid
    if (body.fw !== undefined && (typeof body.fw !== 'string' || body.fw.length > 64 || !isStorableText(body.fw)))
      return invalid
    return {
      ok: true,
      report: {
        kind,
        serial,
        at,
        online: body.online,
        connectionType: (conn as ConnectionType | undefined) ?? null,
        firmware: (body.fw as string | undefined) ?? null,
      },
    }
  }
  if (kind === 'alarms') {
    if (!Array.isArray(body.active) || body.active.length > 100) return invalid
    const alarms = body.active.map((alarm) => parseAlarm(alarm, receivedAt))
    if (alarms.some((alarm) => alarm === null)) return invalid
    return { ok: true, report: { kind, serial, at, alarms: alarms as Alarm[] } }
  }
  // Data: the card keeps when it arrived (our clock); the readings are kept at the modem's time.
  const readings = parseReadings(body, at)
  if (!readings) return { ok: false, reason: 'invalid_reading', serial }
  return { ok: true, report: { kind, serial, at: receivedAt, readings } }
}

/** Everything one pump reported within a flush window, reduced to what the card needs. */
export type PendingCard = {
  serial: string
  presence: { at: Date; online: boolean; connectionType: ConnectionType | null; firmware: string | null } | null
  alarms: { at: Date; alarms: Alarm[] } | null
  dataAt: Date | null
  /** The latest birth message (a connection), which a later data message must not hide. */
  connectedAt: Date | null
  /** The last time anything at all arrived (the inactivity sweep's clock). */
  seenAt: Date
  /** Every data message's readings since the last write (telemetry history and the latest values). */
  readings: Reading[]
  /** Alarms raised and cleared again within the window (each is still recorded). */
  passedAlarms: PassedAlarm[]
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a.getTime() >= b.getTime() ? a : b)

type Presence = NonNullable<PendingCard['presence']>

/**
 * The newer of two presences. The connection type and firmware come from the newest birth that carries them, so a
 * newer report without them (a data message, a bare `{"online": true}`) keeps the older one's.
 */
function newerPresence(current: Presence | null, next: Presence): Presence {
  if (current && next.at.getTime() < current.at.getTime()) return current
  return {
    ...next,
    connectionType: next.connectionType ?? current?.connectionType ?? null,
    firmware: next.firmware ?? current?.firmware ?? null,
  }
}

/**
 * Folds a report into what is pending for its pump. A newer report wins; on a tie the one that arrived later does.
 * Older presence or alarms never replace newer ones, here or (by the same rule) in the database.
 */
export function mergeReport(pending: PendingCard | undefined, report: ModemReport, receivedAt: Date): PendingCard {
  const card: PendingCard = pending ?? {
    serial: report.serial,
    presence: null,
    alarms: null,
    dataAt: null,
    connectedAt: null,
    seenAt: receivedAt,
    readings: [],
    passedAlarms: [],
  }
  card.seenAt = later(card.seenAt, receivedAt)!
  if (report.kind === 'status') {
    const { at, online, connectionType, firmware } = report
    card.presence = newerPresence(card.presence, { at, online, connectionType, firmware })
    if (report.online) card.connectedAt = later(card.connectedAt, report.at)
  } else if (report.kind === 'alarms') {
    const next = { at: report.at, alarms: report.alarms }
    card.passedAlarms = passedBetween(card.passedAlarms, card.alarms, next)
    if (!card.alarms || report.at.getTime() >= card.alarms.at.getTime()) card.alarms = next
  } else {
    card.dataAt = later(card.dataAt, report.at)
    if (report.readings.keys.length) appendReadings(card.readings, [report.readings])
    // Data is never retained: it arrives only while the modem is connected, so it says "online" as of now.
    card.presence = newerPresence(card.presence, { at: report.at, online: true, connectionType: null, firmware: null })
  }
  return card
}

/** Two pending states of one pump (a failed flush put back before newer reports), merged by the same rule. */
export function mergePending(older: PendingCard, newer: PendingCard): PendingCard {
  return {
    serial: newer.serial,
    presence: newer.presence ? newerPresence(older.presence, newer.presence) : older.presence,
    alarms:
      !older.alarms || (newer.alarms && newer.alarms.at.getTime() >= older.alarms.at.getTime())
        ? newer.alarms
        : older.alarms,
    dataAt: later(older.dataAt, newer.dataAt),
    connectedAt: later(older.connectedAt, newer.connectedAt),
    seenAt: later(older.seenAt, newer.seenAt)!,
    readings: (() => {
      const readings = [...older.readings]
      appendReadings(readings, newer.readings)
      return readings
    })(),
    passedAlarms: passedBetween(mergePassed(older.passedAlarms, newer.passedAlarms), older.alarms, newer.alarms),
  }
}

export const MODEM_EVENT_KINDS = ['connected', 'disconnected', 'timed_out', 'alarm_raised', 'alarm_cleared'] as const
export type ModemEventKind = (typeof MODEM_EVENT_KINDS)[number]

/** The alarms raised and cleared between two sets of active alarms (by code). */
export function alarmChanges(before: readonly Alarm[], after: readonly Alarm[]): { raised: Alarm[]; cleared: Alarm[] } {
  const codes = (alarms: readonly Alarm[]) => new Set(alarms.map((alarm) => alarm.code))
  const was = codes(before)
  const now = codes(after)
  return {
    raised: after.filter((alarm) => !was.has(alarm.code)),
    cleared: before.filter((alarm) => !now.has(alarm.code)),
  }
}
