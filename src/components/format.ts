// One date format in the whole admin panel (payload.config.ts dateFormat), written where the pump is when that is known.
import { formatInZone } from '../domain/timezone'

/** `28.11.2026 14:18` in `zone` (the browser's when none); '' for no date, the raw text for a date it cannot read. */
export function formatDateTime(value: string | number | null | undefined, zone?: string | null): string {
  if (value === undefined || value === null || value === '') return ''
  return formatInZone(value, zone) || String(value)
}

/** The list's badges (online, status): a rounded label; the caller adds its colours. */
export const BADGE_STYLE = {
  display: 'inline-block',
  padding: '1px 8px',
  borderRadius: 10,
  fontSize: '0.85em',
  fontWeight: 600,
  whiteSpace: 'nowrap',
} as const
