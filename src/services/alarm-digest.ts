// The hourly alarm digest: for each recipient who chose it (a partner's `alarmMail.digestSeverities`, the team's
// ALARM_DIGEST_SEVERITIES), one e-mail listing the alarms recorded in the last whole hour of those severities (those
// not e-mailed one by one), in the recipient's language. A row per recipient and hour in the notifications log,
// unique, is taken before sending: however often and wherever the job runs, nothing is sent twice.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload, SendEmailOptions } from 'payload'

import { alarmDigestEmail, digestHourOf, type DigestLine } from '../domain/alarm-digest'
import type { Severity } from '../domain/alarms'
import { NOTIFY_SEVERITIES } from '../domain/notifications'

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }
type Recipient = { recipient: string; language: 'ru' | 'en'; partner: number | null; severities: Severity[] }

export type DigestOptions = {
  serverUrl: string
  now?: Date
  /** The service team's address and language and the severities it takes as a digest (none: no team digest). */
  team?: { to?: string; language: 'ru' | 'en'; severities: Severity[] }
}

/** Lines listed in one digest at most (the subject says how many there were). */
const DIGEST_LINES = 200

/** Partners with a contact address and digest severities that they do not take one by one. */
async function partnerRecipients(db: Executor): Promise<Recipient[]> {
  const result = await db.execute(sql`
    select pa.id partner, pa.contacts_email recipient, coalesce(pa.alarm_mail_language::text, 'ru') language,
      array_agg(d.value::text) severities
    from partners pa join partners_alarm_mail_digest_severities d on d.parent_id = pa.id
    where coalesce(pa.contacts_email, '') <> ''
      and not exists (select 1 from partners_alarm_mail_severities s where s.parent_id = pa.id and s.value::text = d.value::text)
    group by pa.id`)
  return (result as { rows: Recipient[] }).rows
}

/** The hour's new alarms for one recipient (the partner's pumps, or all for the team), worst first. */
async function linesOf(db: Executor, who: Recipient, hour: Date, serverUrl: string) {
  const result = await db.execute(sql`
    select a.severity, a.code, a.raised_at, p.serial, p.id pump, count(*) over () total,
      coalesce(nullif(case when ${who.language} = 'en' then cat.text_en else cat.text_ru end, ''), a.text, a.code) text
    from alarms a join pumps p on p.id = a.pump_id
    left join models_alarm_catalog cat on cat._parent_id = p.model_id and cat.code = a.code
    where a.created_at >= ${hour.toISOString()}::timestamptz
      and a.created_at < ${hour.toISOString()}::timestamptz + interval '1 hour'
      and a.severity::text in (select jsonb_array_elements_text(${JSON.stringify(who.severities)}::jsonb))
      and (${who.partner}::integer is null or a.pump_partner_id = ${who.partner}::integer)
    order by array_position(array['critical','major','minor','warning'], a.severity::text), a.raised_at
    limit ${DIGEST_LINES}`)
  const rows = (result as { rows: Record<string, unknown>[] }).rows
  const lines: DigestLine[] = rows.map((row) => ({
    severity: row.severity as Severity,
    code: String(row.code),
    text: String(row.text),
    serial: String(row.serial),
    raisedAt: new Date(row.raised_at as string).toISOString(),
    cardUrl: `${serverUrl}/admin/collections/pumps/${row.pump}`,
  }))
  return { lines, total: rows.length ? Number(rows[0].total) : 0 }
}

/** Takes the recipient's digest of the hour (false: another run has it) and sends it, marking it sent or failed. */
async function sendDigest(db: Executor, send: Send, who: Recipient, hour: Date, lines: DigestLine[], total: number) {
  const mail = alarmDigestEmail(lines, who.language, hour, total)
  const taken = await db.execute(sql`
    insert into notifications (kind, channel, recipient, language, state, attempts, digest_hour, subject, next_attempt_at, updated_at, created_at)
    values ('digest', 'email', ${who.recipient}, ${who.language}, 'sending', 1, ${hour.toISOString()}::timestamptz,
      ${mail.subject}, now(), now(), now())
    on conflict do nothing returning id`)
  const id = (taken as { rows: { id: number }[] }).rows[0]?.id
  if (id === undefined) return false
  try {
    await send({ to: who.recipient, subject: mail.subject, text: mail.text })
    await db.execute(sql`update notifications set state = 'sent', sent_at = now(), updated_at = now() where id = ${id}`)
  } catch (error) {
    await db.execute(sql`update notifications set state = 'failed', updated_at = now(),
      last_error = ${String((error as Error).message).slice(0, 500)} where id = ${id}`)
  }
  return true
}

type Send = (message: SendEmailOptions) => Promise<unknown>

/** Sends the digests of the last whole hour before `now`; answers how many were sent (taken) by this run. */
export async function sendAlarmDigests(payload: Payload, send: Send, options: DigestOptions): Promise<number> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle as unknown as Executor
  const hour = digestHourOf(options.now ?? new Date())
  const recipients = await partnerRecipients(db)
  const team = options.team
  const teamSeverities = (team?.severities ?? []).filter((value) => !NOTIFY_SEVERITIES.includes(value))
  if (team?.to && teamSeverities.length)
    recipients.push({ recipient: team.to, language: team.language, partner: null, severities: teamSeverities })
  let sent = 0
  for (const who of recipients) {
    const { lines, total } = await linesOf(db, who, hour, options.serverUrl)
    if (total > 0 && (await sendDigest(db, send, who, hour, lines, total))) sent++
  }
  return sent
}
