// One date format in the whole admin panel (payload.config.ts dateFormat), written where the pump is when that is known.
import { formatInZone } from '../domain/timezone'

/** `28.11.2026 14:18` in `zone` (the browser's when none); '' for no date, the raw text for a date it cannot read. */
export function formatDateTime(value: string | number | null | undefined, zone?: string | null): string {
  if (value === undefined || value === null || value === '') return ''
  return formatInZone(value, zone) || String(value)
}
