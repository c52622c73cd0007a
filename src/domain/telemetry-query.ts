// A telemetry read's parameters (from, to, keys, resolution) checked, and the resolution the server picks so that
// an answer stays bounded and about a chart's width: raw rows for short ranges, 5-minute, hourly or daily rollups
// (min/avg/max) for longer ones.
import type { Bilingual } from './messages'
import { TELEMETRY_KEY_PATTERN } from './telemetry'

/** At most this many points per key in one answer. */
export const MAX_POINTS_PER_KEY = 10_000
/** At most this many keys in one chart read. */
export const MAX_QUERY_KEYS = 16
/**
 * `auto` picks the finest rollup with at most this many points per key: about a chart's width in pixels (more
 * points draw nothing more, and cost reads: a year of hourly rollups is 26,000 rows for 3 keys, of daily ones 1,100).
 */
export const CHART_POINTS_PER_KEY = 2_500
export const RESOLUTIONS = ['raw', '5m', '1h', '1d'] as const
export type Resolution = (typeof RESOLUTIONS)[number]
export type Rollup = Exclude<Resolution, 'raw'>
export const BUCKET_MS: Record<Rollup, number> = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 }
/** Raw rows are tried for ranges up to this long (then the 5-minute rollup if raw would exceed the bound). */
export const RAW_SPAN_MS = 2 * 86_400_000
const DEFAULT_SPAN_MS = 86_400_000

export type TelemetryQuery = {
  from: Date
  to: Date
  /** null: every key the pump reported in the range. */
  keys: string[] | null
  resolution: Resolution | 'auto'
}

type Parsed = { ok: true; query: TelemetryQuery } | { ok: false; message: Bilingual }

function time(value: unknown): Date | null | 'bad' {
  if (value === undefined || value === '') return null
  if (typeof value !== 'string') return 'bad'
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : Date.parse(value)
  return Number.isFinite(ms) && ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(2100, 0, 1) ? new Date(ms) : 'bad'
}

/** `from`/`to` (ISO 8601 or epoch ms; default the last 24 h), `keys` (comma list), `resolution` (auto|raw|5m|1h|1d). */
export function parseTelemetryQuery(query: Record<string, unknown>, now: Date): Parsed {
  const to = time(query.to)
  const from = time(query.from)
  if (to === 'bad' || from === 'bad')
    return {
      ok: false,
      message: {
        en: 'from and to must be ISO 8601 times or epoch milliseconds',
        ru: 'from и to — время ISO 8601 или миллисекунды от 1970 года',
      },
    }
  const end = to ?? now
  const start = from ?? new Date(end.getTime() - DEFAULT_SPAN_MS)
  if (start.getTime() >= end.getTime())
    return { ok: false, message: { en: 'from must be before to', ru: 'from должно быть раньше to' } }
  let keys: string[] | null = null
  if (query.keys !== undefined && query.keys !== '') {
    const list = typeof query.keys === 'string' ? [...new Set(query.keys.split(',').map((key) => key.trim()))] : []
    if (!list.length || list.length > MAX_QUERY_KEYS || list.some((key) => !TELEMETRY_KEY_PATTERN.test(key)))
      return {
        ok: false,
        message: {
          en: `keys must be up to ${MAX_QUERY_KEYS} reading keys separated by commas`,
          ru: `keys — до ${MAX_QUERY_KEYS} ключей показаний через запятую`,
        },
      }
    keys = list
  }
  const resolution = query.resolution ?? 'auto'
  if (resolution !== 'auto' && !(RESOLUTIONS as readonly unknown[]).includes(resolution))
    return {
      ok: false,
      message: { en: 'resolution must be auto, raw, 5m, 1h or 1d', ru: 'resolution — auto, raw, 5m, 1h или 1d' },
    }
  return { ok: true, query: { from: start, to: end, keys, resolution: resolution as TelemetryQuery['resolution'] } }
}

/**
 * The resolution to read first for a range: raw when short enough to be tried (the service falls back to 5m when
 * the raw rows exceed the bound), else the finest rollup of at most CHART_POINTS_PER_KEY points (7 days: 5-minute,
 * 30 days: hourly, a year: daily); asked for, a rollup within MAX_POINTS_PER_KEY; null when none fits.
 */
export function pickResolution(from: Date, to: Date, asked: TelemetryQuery['resolution']): Resolution | null {
  const span = to.getTime() - from.getTime()
  const points = (resolution: Rollup) => span / BUCKET_MS[resolution]
  if (asked === 'raw') return span <= RAW_SPAN_MS * 4 ? 'raw' : null
  if (asked !== 'auto') return points(asked) <= MAX_POINTS_PER_KEY ? asked : null
  if (span <= RAW_SPAN_MS) return 'raw'
  const rollups: Rollup[] = ['5m', '1h', '1d']
  return (
    rollups.find((rollup) => points(rollup) <= CHART_POINTS_PER_KEY) ??
    (points('1d') <= MAX_POINTS_PER_KEY ? '1d' : null)
  )
}

export const RANGE_TOO_LONG: Bilingual = {
  en: `the range is too long for this resolution (at most ${MAX_POINTS_PER_KEY} points per key): shorten it or ask for a coarser resolution`,
  ru: `слишком длинный период для этого разрешения (не больше ${MAX_POINTS_PER_KEY} точек на ключ): сократите его или выберите более грубое разрешение`,
}
