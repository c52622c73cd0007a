// The one writer of the notifications log: queues the e-mails of newly opened alarms in bulk (in the alarms'
// own transaction, so none is lost and, by the unique key alarm × channel × recipient, none is queued twice), and
// sends what is due, a claimed batch at a time, with retries and back-off, marking each sent or failed.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload, SendEmailOptions } from 'payload'

import {
  backoffSeconds,
  DEFAULT_NOTIFY_WINDOW_MINUTES,
  NOTIFY_SEVERITIES,
  STALE_SENDING_SECONDS,
} from '../domain/notifications'
import { type AlarmMail, composeAlarmEmails, type ComposeMail } from './notification-mail'
import type { PushMessage, PushSend } from './push'

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }

export type AlarmMailOptions = {
  /** The service team's address (ALARM_EMAIL_TO) and its language; unset: partners only. */
  teamEmail?: string
  teamLanguage: 'ru' | 'en'
  /** The storm window (ALARM_NOTIFY_WINDOW_MINUTES, 60): one message per pump, code and recipient within it. */
  notifyWindowMinutes?: number
}

/**
 * Queues the messages of the alarms just opened: e-mail to the responsible partner's contact (its severities and
 * language) and to the team; push to each of the owner's app devices (the owner's severities, the app's language).
 * A recipient already told of the same code on the same pump by an alarm raised within the storm window before this
 * one is not told again (the record is kept; its log shows no message).
 */
export async function queueAlarmEmails(tx: Executor, alarmIds: number[], options: AlarmMailOptions): Promise<void> {
  if (!alarmIds.length) return
  const ids = JSON.stringify(alarmIds)
  const team = options.teamEmail ?? null
  const windowMinutes = options.notifyWindowMinutes ?? DEFAULT_NOTIFY_WINDOW_MINUTES
  await tx.execute(sql`
    with opened as (select jsonb_array_elements_text(${ids}::jsonb)::integer id),
    candidates as (
      select a.id alarm_id, 'email'::enum_notifications_channel channel, pa.contacts_email recipient,
        coalesce(pa.alarm_mail_language::text, 'ru')::enum_notifications_language language
      from alarms a join pumps p on p.id = a.pump_id join partners pa on pa.id = p.responsible_partner_id
      where a.id in (select id from opened) and coalesce(pa.contacts_email, '') <> ''
        and exists (select 1 from partners_alarm_mail_severities s where s.parent_id = pa.id and s.value::text = a.severity::text)
      union all
      select a.id, 'email'::enum_notifications_channel, ${team}::text, ${options.teamLanguage}::enum_notifications_language
      from alarms a
      where ${team}::text is not null and a.id in (select id from opened)
        and a.severity::text in (select jsonb_array_elements_text(${JSON.stringify(NOTIFY_SEVERITIES)}::jsonb))
      union all
      select a.id, 'push'::enum_notifications_channel, d.token, d.language::text::enum_notifications_language
      from alarms a join pumps p on p.id = a.pump_id join devices d on d.buyer_id = p.owner_id
      where a.id in (select id from opened)
        and exists (select 1 from buyers_alarm_push_severities s where s.parent_id = p.owner_id and s.value::text = a.severity::text)
    )
    insert into notifications (alarm_id, channel, recipient, language, state, attempts, next_attempt_at, updated_at, created_at)
    select c.alarm_id, c.channel, c.recipient, c.language, 'queued'::enum_notifications_state, 0, now(), now(), now()
    from candidates c join alarms a on a.id = c.alarm_id
    where not exists (
      select 1 from alarms b join notifications n on n.alarm_id = b.id
      where b.pump_id = a.pump_id and b.code = a.code and b.id <> a.id
        and b.raised_at > a.raised_at - make_interval(mins => ${windowMinutes}) and b.raised_at <= a.raised_at
        and n.kind = 'raised' and n.channel = c.channel and n.recipient = c.recipient)
    on conflict do nothing`)
}

type Claimed = {
  id: number
  alarm_id: number
  recipient: string
  language: 'ru' | 'en'
  attempts: number
  kind: 'raised' | 'escalated'
  channel: 'email' | 'push'
}

export type Escalation = { afterMinutes: number; to?: string; language: 'ru' | 'en' }

/**
 * Queues one e-mail to the service lead for each critical alarm still active and unacknowledged `afterMinutes`
 * after it was raised (the unique key keeps it to one per alarm, however often this runs).
 */
export async function queueEscalations(db: Executor, now: Date, escalation: Escalation): Promise<void> {
  if (!escalation.to) return
  const cutoff = new Date(now.getTime() - escalation.afterMinutes * 60_000).toISOString()
  await db.execute(sql`
    insert into notifications (alarm_id, kind, channel, recipient, language, state, attempts, next_attempt_at, updated_at, created_at)
    select a.id, 'escalated'::enum_notifications_kind, 'email'::enum_notifications_channel, ${escalation.to}::text,
      ${escalation.language}::enum_notifications_language, 'queued'::enum_notifications_state, 0,
      ${now.toISOString()}::timestamptz, now(), now()
    from alarms a
    where a.severity = 'critical' and a.cleared_at is null and a.acknowledged_at is null
      and a.raised_at <= ${cutoff}::timestamptz
    on conflict do nothing`)
}

function drizzleOf(payload: Payload): Executor {
  return (payload.db as unknown as PostgresAdapter).drizzle as unknown as Executor
}

/**
 * Holds the due messages whose recipient is in its quiet hours (the partner's for its e-mail, the owner's for a push;
 * in the pump's time zone) until they end. The team's and the escalations are never held.
 */
async function holdQuiet(db: Executor, now: Date): Promise<void> {
  const at = now.toISOString()
  await db.execute(sql`
    update notifications n set next_attempt_at = q.until, updated_at = now()
    from (
      select m.id, alarm_quiet_until(${at}::timestamptz, p.timezone, pa.alarm_mail_quiet_from, pa.alarm_mail_quiet_to) until
      from notifications m join alarms a on a.id = m.alarm_id join pumps p on p.id = a.pump_id
      join partners pa on pa.id = a.pump_partner_id and pa.contacts_email = m.recipient
      where m.state = 'queued' and m.kind = 'raised' and m.channel = 'email' and m.next_attempt_at <= ${at}::timestamptz
        and pa.alarm_mail_quiet_from is not null
      union all
      select m.id, alarm_quiet_until(${at}::timestamptz, p.timezone, b.alarm_push_quiet_from, b.alarm_push_quiet_to)
      from notifications m join alarms a on a.id = m.alarm_id join pumps p on p.id = a.pump_id
      join buyers b on b.id = p.owner_id
      where m.state = 'queued' and m.kind = 'raised' and m.channel = 'push' and m.next_attempt_at <= ${at}::timestamptz
        and b.alarm_push_quiet_from is not null
    ) q
    where n.id = q.id and q.until is not null`)
}

/** Takes up to `limit` due notifications as `sending` (another dispatcher skips them). */
async function claim(db: Executor, now: Date, limit: number): Promise<Claimed[]> {
  const at = now.toISOString()
  const result = await db.execute(sql`
    update notifications n set state = 'sending', updated_at = ${at}::timestamptz
    where n.id in (
      select id from notifications
      where alarm_id is not null and ((state = 'queued' and next_attempt_at <= ${at}::timestamptz)
         or (state = 'sending' and updated_at < ${at}::timestamptz - make_interval(secs => ${STALE_SENDING_SECONDS})))
      order by next_attempt_at limit ${limit} for update skip locked)
    returning n.id, n.alarm_id, n.recipient, n.language, n.attempts, n.kind, n.channel`)
  return (result as { rows: Claimed[] }).rows
}

/** The push message of an alarm: the e-mail's subject as the title, its alarm and advice lines as the body. */
function pushOf(row: Claimed, mail: AlarmMail): PushMessage {
  const lines = mail.text.split('\n')
  return {
    token: row.recipient,
    title: mail.subject,
    body: lines.filter((line, index) => index === 2 || /^(What to do|Что делать)/.test(line)).join('\n'),
    data: { alarmId: String(row.alarm_id) },
  }
}

/** Marks a group's sent messages in one statement (a crash before it re-sends at most that group, never loses one). */
async function markSent(db: Executor, sent: Sent[], now: Date): Promise<void> {
  if (!sent.length) return
  await db.execute(sql`
    update notifications n set state = 'sent', attempts = s.attempts, sent_at = ${now.toISOString()}::timestamptz,
      subject = s.subject, last_error = null, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(sent)}::jsonb) as s(id integer, attempts integer, subject text)
    where n.id = s.id`)
}

export type DispatchOutcome = { sent: number; retried: number; failed: number }

type DispatchOptions = {
  serverUrl: string
  maxAttempts: number
  now?: Date
  limit?: number
  escalation?: Escalation
  /** Push to the owners' app (PUSH_SENDER's); without it push notifications wait. */
  push?: PushSend
}
type Send = (message: SendEmailOptions) => Promise<unknown>

/** Messages of a claimed batch in flight at once (the SMTP transport keeps a pool of as many connections). */
export const SEND_CONCURRENCY = 8

type Sent = { id: number; attempts: number; subject: string }

/** Sends one claimed message (answers what to mark sent), or puts it back with back-off (failed after `maxAttempts`). */
async function sendOne(
  db: Executor,
  send: Send,
  compose: ComposeMail,
  row: Claimed,
  now: Date,
  options: DispatchOptions,
) {
  const attempts = Number(row.attempts) + 1
  try {
    const late = row.kind === 'escalated' ? (options.escalation?.afterMinutes ?? null) : null
    const mail = compose({ alarmId: row.alarm_id, language: row.language }, late)
    if (!mail) throw new Error(`alarm ${row.alarm_id} no longer exists`)
    if (row.channel === 'push') {
      if (!options.push) throw new Error('no push sender')
      await options.push(pushOf(row, mail))
    } else await send({ to: row.recipient, subject: mail.subject, text: mail.text })
    return { id: row.id, attempts, subject: mail.subject }
  } catch (error) {
    const failed = attempts >= options.maxAttempts
    const next = new Date(now.getTime() + backoffSeconds(attempts) * 1000).toISOString()
    await db.execute(sql`update notifications set state = ${failed ? 'failed' : 'queued'}, attempts = ${attempts},
      next_attempt_at = ${next}::timestamptz, last_error = ${String((error as Error).message).slice(0, 500)}, updated_at = now()
      where id = ${row.id}`)
    return failed ? ('failed' as const) : ('retried' as const)
  }
}

/**
 * Sends the due notifications through `send` (Payload's e-mail adapter), a few at once: a sent one is marked sent;
 * a failed one is put back with back-off, and marked failed after `maxAttempts`. Answers what happened.
 */
export async function dispatchNotifications(
  payload: Payload,
  send: Send,
  options: DispatchOptions,
): Promise<DispatchOutcome> {
  const db = drizzleOf(payload)
  const now = options.now ?? new Date()
  if (options.escalation) await queueEscalations(db, now, options.escalation)
  const outcome: DispatchOutcome = { sent: 0, retried: 0, failed: 0 }
  await holdQuiet(db, now)
  const rows = await claim(db, now, options.limit ?? 50)
  const requests = rows.map((row) => ({ alarmId: row.alarm_id, language: row.language }))
  const compose = await composeAlarmEmails(db, requests, options.serverUrl)
  for (let i = 0; i < rows.length; i += SEND_CONCURRENCY) {
    const group = rows.slice(i, i + SEND_CONCURRENCY)
    const results = await Promise.all(group.map((row) => sendOne(db, send, compose, row, now, options)))
    const sent = results.filter((result): result is Sent => typeof result === 'object')
    await markSent(db, sent, now)
    outcome.sent += sent.length
    for (const result of results) if (typeof result === 'string') outcome[result]++
  }
  return outcome
}
