// The alarm notifications' rules: states, back-off, and the e-mail's words in the recipient's language.
import { SEVERITY_LABELS, type Severity } from './alarms'

export const NOTIFICATION_STATES = ['queued', 'sending', 'sent', 'failed'] as const
export type NotificationState = (typeof NOTIFICATION_STATES)[number]

/** Severities that e-mail the service team (partners choose their own; these by default). */
export const NOTIFY_SEVERITIES: readonly Severity[] = ['critical', 'major']

/** The storm window: one message per pump, code and recipient within this long (ALARM_NOTIFY_WINDOW_MINUTES). */
export const DEFAULT_NOTIFY_WINDOW_MINUTES = 60

/** The wait before attempt n+1 after n failed ones: 30 s, 1 min, 2 min, … at most 1 h. */
export function backoffSeconds(failedAttempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, failedAttempts - 1), 3600)
}

/** A notification claimed as `sending` longer than this is taken to have died with its process, and sent again. */
export const STALE_SENDING_SECONDS = 300

export type AlarmMailFacts = {
  severity: Severity
  code: string
  text: string
  action: string | null
  manualPage: number | null
  serial: string
  region: string | null
  objectType: string | null
  raisedAt: string
  cardUrl: string
}

export type NotificationKind = 'raised' | 'escalated'

/** The e-mail about a new alarm (or one nobody acknowledged for `escalatedAfterMinutes`), in `language`. */
export function alarmEmail(
  facts: AlarmMailFacts,
  language: 'ru' | 'en',
  escalatedAfterMinutes: number | null = null,
): { subject: string; text: string } {
  const ru = language === 'ru'
  const severity = SEVERITY_LABELS[facts.severity][language]
  const late =
    escalatedAfterMinutes === null
      ? ''
      : ru
        ? `Не квитирована ${escalatedAfterMinutes} мин. `
        : `Not acknowledged for ${escalatedAfterMinutes} min. `
  const subject = `${late}${severity}: ${facts.code} — ${facts.text} (${facts.serial})`
  const lines = [
    `${ru ? 'Насос' : 'Pump'}: ${facts.serial}`,
    `${ru ? 'Место' : 'Place'}: ${[facts.region, facts.objectType].filter(Boolean).join(', ') || '—'}`,
    `${ru ? 'Авария' : 'Alarm'}: ${facts.code} — ${facts.text} (${severity})`,
    `${ru ? 'Возникла' : 'Raised'}: ${facts.raisedAt}`,
    facts.action ? `${ru ? 'Что делать' : 'What to do'}: ${facts.action}` : null,
    facts.manualPage ? `${ru ? 'Руководство, стр.' : 'Manual, page'} ${facts.manualPage}` : null,
    `${ru ? 'Карточка насоса' : 'Pump card'}: ${facts.cardUrl}`,
  ]
  return { subject, text: lines.filter((line) => line !== null).join('\n') }
}

/** A time of day as quiet hours are written: HH:MM, 00:00–23:59. */
export function isClockTime(value: string): boolean {
  return /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value)
}
