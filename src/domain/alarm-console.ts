// The fleet alarm console's filters, read from the page's address (anything unknown is ignored, never an error).
import { SEVERITIES, type Severity } from './alarms'

export const CONSOLE_STATES = ['active', 'recent', 'all'] as const
export type ConsoleState = (typeof CONSOLE_STATES)[number]

/** "Recent" alarms: active, or cleared within this many days. */
export const RECENT_DAYS = 7
/** The console shows this many alarms a page. */
export const CONSOLE_PAGE_SIZE = 50

export type ConsoleFilters = {
  state: ConsoleState
  severity: Severity | null
  code: string | null
  model: number | null
  partner: number | null
  region: number | null
  acknowledged: boolean | null
  /** Only alarms older than this many minutes. */
  olderThanMinutes: number | null
  page: number
}

const id = (value: unknown): number | null =>
  typeof value === 'string' && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)

export function parseConsoleFilters(params: Record<string, unknown> | undefined): ConsoleFilters {
  const get = (name: string) => first(params?.[name])
  const state = get('state')
  const severity = get('severity')
  const code = get('code')
  const acknowledged = get('ack')
  const age = id(get('age'))
  return {
    state: (CONSOLE_STATES as readonly unknown[]).includes(state) ? (state as ConsoleState) : 'active',
    severity: (SEVERITIES as readonly unknown[]).includes(severity) ? (severity as Severity) : null,
    code: typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code.trim()) ? code.trim() : null,
    model: id(get('model')),
    partner: id(get('partner')),
    region: id(get('region')),
    acknowledged: acknowledged === 'yes' ? true : acknowledged === 'no' ? false : null,
    olderThanMinutes: age,
    page: Math.min(id(get('page')) ?? 1, 10_000),
  }
}
