// The fleet's questions (issue 14): each dashboard figure is a filter on the pump list, so the figure and the list
// behind its link are the same query. Plain data: the overview service counts them, the admin links to them.
import { AWAITING_COMMISSIONING, PUMP_STATUSES, STATUS_LABELS, type PumpStatus } from './lifecycle'
import type { Bilingual } from './messages'

/** A pump-list filter in Payload's where shape (what the list's URL and the REST API take). */
export type PumpFilter = { or: { and: Record<string, Record<string, unknown>>[] }[] }

export type FleetQuestion = { key: string; label: Bilingual; filter: PumpFilter }

export const DAY_MS = 24 * 60 * 60 * 1000
/** "Silent": in operation and no data for longer than this. */
export const SILENT_AFTER_MS = DAY_MS
/** "Never connected": released or shipped longer ago than this and no connection ever. */
export const NEVER_CONNECTED_AFTER_MS = 30 * DAY_MS

const all = (...and: Record<string, Record<string, unknown>>[]): PumpFilter => ({ or: [{ and }] })

/** The date each awaiting status was entered, on the card. */
const ENTERED: Partial<Record<PumpStatus, string>> = { released: 'releaseDate', shipped: 'shipmentDate' }

export function statusQuestions(): FleetQuestion[] {
  return PUMP_STATUSES.map((status) => ({
    key: `status:${status}`,
    label: STATUS_LABELS[status],
    filter: all({ status: { equals: status } }),
  }))
}

/** The dashboard's questions beyond the status counts, as of `now`. */
export function healthQuestions(now: Date): FleetQuestion[] {
  const silentSince = new Date(now.getTime() - SILENT_AFTER_MS).toISOString()
  const awaitingSince = new Date(now.getTime() - NEVER_CONNECTED_AFTER_MS).toISOString()
  const inOperation = { status: { equals: 'in_operation' } }
  return [
    { key: 'online', label: { en: 'Online now', ru: 'В сети сейчас' }, filter: all({ online: { equals: true } }) },
    { key: 'offline', label: { en: 'Offline', ru: 'Не в сети' }, filter: all({ online: { equals: false } }) },
    {
      key: 'silent',
      label: { en: 'In operation, silent > 24 h', ru: 'Эксплуатируются, молчат > 24 ч' },
      filter: {
        or: [
          { and: [inOperation, { lastDataAt: { less_than: silentSince } }] },
          { and: [inOperation, { lastDataAt: { exists: false } }] },
        ],
      },
    },
    {
      key: 'alarms',
      label: { en: 'With active alarms', ru: 'С активными авариями' },
      filter: all({ activeAlarmCount: { greater_than: 0 } }),
    },
    {
      key: 'neverConnected',
      label: {
        en: 'Released or shipped > 30 days, never connected',
        ru: 'Выпущены или отгружены > 30 дней, не подключались',
      },
      filter: {
        or: AWAITING_COMMISSIONING.map((status): PumpFilter['or'][number] => ({
          and: [
            { status: { equals: status } },
            Object.fromEntries([[ENTERED[status] ?? 'createdAt', { less_than: awaitingSince }]]),
            { lastConnectedAt: { exists: false } },
          ],
        })),
      },
    },
  ]
}

/** The list's address for a filter: `where[or][0][and][0][status][equals]=…`, as the list view writes it. */
export function filterQuery(filter: PumpFilter): string {
  const parts: string[] = []
  filter.or.forEach((group, i) =>
    group.and.forEach((condition, j) => {
      for (const [field, operators] of Object.entries(condition))
        for (const [operator, value] of Object.entries(operators))
          parts.push(
            `${encodeURIComponent(`where[or][${i}][and][${j}][${field}][${operator}]`)}=${encodeURIComponent(String(value))}`,
          )
    }),
  )
  return parts.join('&')
}

/** "just now", "5 мин назад", "3 дня назад": the largest whole unit. */
export function relativeAge(then: number, now: number, language: string): string {
  const seconds = Math.round((now - then) / 1000)
  const format = new Intl.RelativeTimeFormat(language === 'ru' ? 'ru' : 'en', { numeric: 'auto', style: 'short' })
  if (Math.abs(seconds) < 60) return language === 'ru' ? 'только что' : 'just now'
  const minutes = Math.round(seconds / 60)
  if (Math.abs(minutes) < 60) return format.format(-minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (Math.abs(hours) < 24) return format.format(-hours, 'hour')
  return format.format(-Math.round(hours / 24), 'day')
}
