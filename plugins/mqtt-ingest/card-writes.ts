// The bulk write of pump cards (one statement per batch, with its modem history) and how a batch that fails is
// taken apart, so that one row PostgreSQL refuses is dropped while the rest land, and an outage keeps them all.
import { sql } from '@payloadcms/db-postgres'

import { alarmRecordChanges, modemEvents, type ModemEventRow } from './card-changes'
import { identifier, insertReadings, keysetIds, type HistoryWrites } from './history-writes'
import type { IngestHost } from './host'
import type { Alarm, PendingCard } from './modem'
import type { PassedAlarm } from './passed-alarms'
import { latestOf, type LatestValues } from './readings'

/** What the statement answers for each card it wrote. */
export type FlushRow = {
  id: number
  serial: string
  status: string
  was_online: boolean | null
  online: boolean | null
  was_alarms: Alarm[] | null
  active_alarms: Alarm[] | null
  presence_at: string | null
  alarms_at: string | null
  passed: PassedAlarm[] | null
}

/** One card as the statement reads it (jsonb_to_recordset). */
export type CardRow = {
  serial: string
  online: boolean | null
  presence_at: string | null
  conn: string | null
  fw: string | null
  alarms: Alarm[] | null
  alarms_at: string | null
  data_at: string | null
  connected_at: string | null
  seen_at: string
  latest: LatestValues | null
  /** The oldest reading's time in `latest`'s batch: all of them are newer than the card's last data after it. */
  latest_from: string | null
  passed: PassedAlarm[] | null
}

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }
/** The host's alarm records, written in the batch's transaction (optional). */
type RecordAlarms = IngestHost['recordAlarms']

/** What else a batch writes in the card's transaction: the readings' history and the host's alarm records. */
export type BatchExtras = { history?: HistoryWrites | null; recordAlarms?: RecordAlarms }
export type Database = Executor & { transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T> }

/** A pending card as a statement row; throws (RangeError) for a time that has no ISO form. */
export function cardRow(card: PendingCard): CardRow {
  return {
    serial: card.serial,
    online: card.presence?.online ?? null,
    presence_at: card.presence?.at.toISOString() ?? null,
    conn: card.presence?.connectionType ?? null,
    fw: card.presence?.firmware ?? null,
    alarms: card.alarms ? card.alarms.alarms : null,
    alarms_at: card.alarms?.at.toISOString() ?? null,
    data_at: card.dataAt?.toISOString() ?? null,
    connected_at: card.connectedAt?.toISOString() ?? null,
    seen_at: card.seenAt.toISOString(),
    latest: latestOf(card.readings),
    latest_from: card.readings.length
      ? new Date(Math.min(...card.readings.map((reading) => reading.at.getTime()))).toISOString()
      : null,
    passed: card.passedAlarms.length ? card.passedAlarms : null,
  }
}

/**
 * Whether PostgreSQL refused the data itself (SQLSTATE class 22 data exception, 23 integrity constraint) rather
 * than being unreachable or broken (connection, missing table, shutdown…): only then is a row to blame.
 */
export function isRowError(error: unknown): boolean {
  for (let cause = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; cause && depth < 5; depth++) {
    if (typeof cause.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(cause.code)) return true
    cause = cause.cause as typeof cause
  }
  return false
}

export type WriteOutcome = {
  written: FlushRow[]
  /** Rows whose pump another transaction held: not written, to go in the next batch. */
  skipped: string[]
  /** Rows refused on their own, with why: dropped, never retried. */
  dropped: { serial: string; error: Error }[]
  /** The database failed as a whole: these rows were not written and are to be kept and retried. */
  failed: { serials: string[]; error: Error } | null
}

/**
 * Writes the rows in one transaction; if PostgreSQL refuses the data, in two halves, and so on down to single
 * rows, which are then dropped. A bad row among n costs about 2·log2(n) extra statements, once.
 */
export async function writeIsolating(
  db: Database,
  rows: CardRow[],
  outcome: WriteOutcome,
  extras: BatchExtras = {},
): Promise<WriteOutcome> {
  if (!rows.length) return outcome
  if (outcome.failed) {
    outcome.failed.serials.push(...rows.map((row) => row.serial))
    return outcome
  }
  try {
    const { written, skipped } = await writeCards(db, rows, extras)
    outcome.written.push(...written)
    outcome.skipped.push(...skipped)
  } catch (error) {
    if (!isRowError(error)) {
      outcome.failed = { serials: rows.map((row) => row.serial), error: error as Error }
    } else if (rows.length === 1) {
      outcome.dropped.push({ serial: rows[0].serial, error: error as Error })
    } else {
      const half = Math.ceil(rows.length / 2)
      await writeIsolating(db, rows.slice(0, half), outcome, extras)
      await writeIsolating(db, rows.slice(half), outcome, extras)
    }
  }
  return outcome
}

/**
 * The latest values merged into the card's, key by key, the newer one winning (a late message never hides a newer
 * value); nothing when telemetry is off.
 */
function latestAssignment(history: HistoryWrites | null) {
  if (!history) return sql``
  const column = identifier(history.target.latestColumn)
  const held = sql`case when jsonb_typeof(p.${column}) = 'object' then p.${column} else '{}'::jsonb end`
  // In order (the usual case: every reading of the batch newer than the card's last data, so than each of its
  // values) the batch's values replace the card's key by key (`||`); otherwise (a late or repeated message) each
  // key's newest is picked, the card's on a tie.
  return sql`${column} = case when v.latest is null then p.${column}
      when p.last_data_at is null or v.latest_from > p.last_data_at then ${held} || v.latest
      else (
      select jsonb_object_agg(k, val) from (
        select distinct on (k) k, val from (
          select key as k, value as val, 1 as fresh from jsonb_each(v.latest)
          union all select key, value, 0 from jsonb_each(${held})) e
        order by k, (val->>'at')::timestamptz desc, fresh) d) end,`
}

/** The key sets of the batch's readings, learnt (and new ones added) before its transaction. */
async function learnKeysets(db: Executor, history: HistoryWrites, rows: CardRow[]): Promise<void> {
  const sets = rows.flatMap((row) => history.readingsOf(row.serial).map((reading) => reading.keys))
  if (sets.length) await keysetIds(db, history.target, history.keysets, sets)
}

/** The written cards' readings, into history in the same transaction. */
async function writeHistory(tx: Executor, history: HistoryWrites | null, written: FlushRow[]): Promise<void> {
  if (!history) return
  const readings = written.flatMap((row) =>
    history.readingsOf(row.serial).map((reading) => ({ pump: row.id, reading })),
  )
  history.stored(await insertReadings(tx, history.target, history.keysets, readings))
}

/** One statement for the whole batch, and the history of what changed, in one transaction. */
async function writeCards(
  db: Database,
  rows: CardRow[],
  { history = null, recordAlarms }: BatchExtras,
): Promise<{ written: FlushRow[]; skipped: string[] }> {
  if (history) await learnKeysets(db, history, rows)
  return db.transaction(async (tx) => {
    // Older presence or alarms never replace newer ones (another instance, a late retry, a stale retained
    // message): each is applied only when at least as new as what the card holds. A card whose row another
    // transaction holds (commissioning that pump, another instance) is skipped, not waited for: see `skipped`.
    const result = await tx.execute(sql`
      with v as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
          serial text, online boolean, presence_at timestamptz, conn text, fw text,
          alarms jsonb, alarms_at timestamptz, data_at timestamptz, connected_at timestamptz, seen_at timestamptz,
          latest jsonb, latest_from timestamptz, passed jsonb)
      ),
      old as (
        select p.id, p.online, p.active_alarms from pumps p join v on v.serial = p.serial
        order by p.id for update of p skip locked
      )
      update pumps p set
        online = case when v.presence_at is not null and (p.presence_at is null or p.presence_at <= v.presence_at)
          then v.online else p.online end,
        last_connected_at = case
          when v.connected_at is not null and (p.last_connected_at is null or p.last_connected_at < v.connected_at)
            then v.connected_at
          when v.presence_at is not null and v.online and not coalesce(p.online, false)
            and (p.presence_at is null or p.presence_at <= v.presence_at) then v.presence_at
          else p.last_connected_at end,
        last_disconnected_at = case when v.presence_at is not null and not v.online
          and (p.presence_at is null or p.presence_at <= v.presence_at) then v.presence_at else p.last_disconnected_at end,
        connection_type = case when v.conn is not null and (p.presence_at is null or p.presence_at <= v.presence_at)
          then v.conn::enum_pumps_connection_type else p.connection_type end,
        firmware_version = case when v.fw is not null and (p.presence_at is null or p.presence_at <= v.presence_at)
          then v.fw else p.firmware_version end,
        presence_at = greatest(p.presence_at, v.presence_at),
        active_alarms = case when v.alarms_at is not null and (p.alarms_at is null or p.alarms_at <= v.alarms_at)
          then v.alarms else p.active_alarms end,
        alarms_at = greatest(p.alarms_at, v.alarms_at),
        ${latestAssignment(history)}
        last_data_at = greatest(p.last_data_at, v.data_at),
        last_seen_at = greatest(p.last_seen_at, v.seen_at)
      from v, old
      where p.serial = v.serial and old.id = p.id
      returning p.id, p.serial, p.status, old.online as was_online, p.online,
        old.active_alarms as was_alarms, p.active_alarms, p.presence_at, p.alarms_at, v.passed`)
    const updated = (result as unknown as { rows: FlushRow[] }).rows
    const events = modemEvents(updated)
    if (events.length) await insertModemEvents(tx, events)
    await writeHistory(tx, history, updated)
    const changes = recordAlarms ? alarmRecordChanges(updated) : []
    if (changes.length) await recordAlarms!(tx, changes)
    return { written: updated, skipped: await lockedElsewhere(tx, rows, updated) }
  })
}

/** Cards not written that do have a pump: their row was locked by another transaction; they go in a later batch. */
async function lockedElsewhere(tx: Executor, rows: CardRow[], updated: FlushRow[]): Promise<string[]> {
  const written = new Set(updated.map((row) => row.serial))
  const missing = rows.map((row) => row.serial).filter((serial) => !written.has(serial))
  if (!missing.length) return []
  const result = await tx.execute(
    sql`select serial from pumps where serial in (select jsonb_array_elements_text(${JSON.stringify(missing)}::jsonb))`,
  )
  return (result as { rows: { serial: string }[] }).rows.map((row) => row.serial)
}

export async function insertModemEvents(tx: Executor, events: ModemEventRow[]): Promise<void> {
  await tx.execute(sql`
    insert into modem_events (pump_id, at, kind, code, text)
    select pump, at, kind::enum_modem_events_kind, code, text
    from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(pump integer, at timestamptz, kind text, code text, text text)`)
}

/**
 * Marks offline the pumps nothing has been heard from since `cutoff`, with one `timed_out` event each. One atomic
 * statement: several instances may sweep at once, and each pump goes offline once.
 */
export async function sweepOffline(db: Database, cutoff: string, at: string): Promise<number> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      update pumps set online = false, last_disconnected_at = ${at}, presence_at = greatest(presence_at, ${at}::timestamptz)
      where online and coalesce(last_seen_at, presence_at, last_connected_at) < ${cutoff}::timestamptz
      returning id`)
    const ids = (result as unknown as { rows: { id: number }[] }).rows.map((row) => row.id)
    if (ids.length)
      await insertModemEvents(
        tx,
        ids.map((pump) => ({ pump, at, kind: 'timed_out' as const, code: null, text: null })),
      )
    return ids.length
  })
}
