// Installation time zones are IANA names taken from the region a pump is installed in. Time itself is
// stored in UTC; the zone is for showing it to the pump's owner and partner.

export function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** A pump's time zone follows its region; with no region (or a region without a zone) it has none. */
export function timezoneForRegion(region: { timezone?: string | null } | null | undefined): string | null {
  return region?.timezone || null
}

/** The one way a date is written in the admin, in both languages: `28.11.2026 14:18`. */
export const DATE_TIME_PATTERN = 'dd.MM.yyyy HH:mm'

type WallClock = { year: number; month: number; day: number; hour: number; minute: number }

function wallClock(at: Date, zone: string | undefined): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at)
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value)
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') }
}

/** `28.11.2026 14:18` as the clock on the wall in `zone` (the runtime's zone when none); '' for no or a bad date. */
export function formatInZone(value: string | number | Date | null | undefined, zone?: string | null): string {
  if (value === undefined || value === null || value === '') return ''
  const at = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(at.getTime())) return ''
  const clock = wallClock(at, zone || undefined)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(clock.day)}.${pad(clock.month)}.${clock.year} ${pad(clock.hour)}:${pad(clock.minute)}`
}

/** Minutes `zone` is ahead of UTC at `at` (Moscow: 180). */
export function zoneOffsetMinutes(at: Date, zone?: string | null): number {
  const clock = wallClock(at, zone || undefined)
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute)
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000)
}

/** `UTC+3`, `UTC−3:30`, `UTC` for the offset of `zone` at `at`. */
export function offsetLabel(at: Date, zone?: string | null): string {
  const minutes = zoneOffsetMinutes(at, zone)
  if (minutes === 0) return 'UTC'
  const sign = minutes > 0 ? '+' : '−'
  const hours = Math.floor(Math.abs(minutes) / 60)
  const rest = Math.abs(minutes) % 60
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`
}

/**
 * Reads `28.11.2026 14:18` (or `28.11.2026`, midnight) as wall-clock time in `zone`; null when it is not a real
 * date in that form. A time skipped by a clock change moves forward by the change, as clocks do.
 */
export function parseInZone(text: string, zone?: string | null): Date | null {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[\s,]+(\d{1,2}):(\d{2}))?\s*$/.exec(text)
  if (!match) return null
  const [day, month, year, hour = 0, minute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)))
  const wanted = Date.UTC(year!, month! - 1, day!, hour!, minute!)
  const check = new Date(wanted)
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month! - 1 || hour! > 23 || minute! > 59) return null
  // The offset at the guess, then at the result (they differ only across a clock change).
  let at = wanted - zoneOffsetMinutes(new Date(wanted), zone) * 60_000
  at = wanted - zoneOffsetMinutes(new Date(at), zone) * 60_000
  return new Date(at)
}
