// The hourly alarm digest's words: one e-mail listing the hour's new alarms of the severities a recipient takes
// as a digest, in the recipient's language.
import { SEVERITY_LABELS, type Severity } from './alarms'

export type DigestLine = {
  severity: Severity
  code: string
  text: string
  serial: string
  raisedAt: string
  cardUrl: string
}

/** The hour a digest run covers: the last whole hour before `now` (UTC hours; nothing of it can still be new). */
export function digestHourOf(now: Date): Date {
  const hour = new Date(now)
  hour.setUTCMinutes(0, 0, 0)
  return new Date(hour.getTime() - 3_600_000)
}

/** The digest e-mail of `hour` (its start) with one line per alarm, worst first. */
export function alarmDigestEmail(
  lines: DigestLine[],
  language: 'ru' | 'en',
  hour: Date,
  total = lines.length,
): { subject: string; text: string } {
  const ru = language === 'ru'
  const from = hour.toISOString().slice(0, 16).replace('T', ' ')
  const to = new Date(hour.getTime() + 3_600_000).toISOString().slice(11, 16)
  const subject = ru
    ? `Сводка аварий ${from}–${to} UTC: новых ${total}`
    : `Alarm digest ${from}–${to} UTC: ${total} new`
  const body = lines.map(
    (line) =>
      `${SEVERITY_LABELS[line.severity][language]}: ${line.code} — ${line.text} (${line.serial}, ${line.raisedAt}) ${line.cardUrl}`,
  )
  if (total > lines.length) body.push(ru ? `…и ещё ${total - lines.length}` : `…and ${total - lines.length} more`)
  return { subject, text: body.join('\n') }
}
