// Facts about the pump card that several layers share.
import { LIFECYCLE_DATA_FIELDS } from './lifecycle'

/** Presence and alarm fields: written by the modem ingestion only. */
export const CONNECTIVITY_FIELDS = [
  'online',
  'lastDataAt',
  'lastConnectedAt',
  'lastDisconnectedAt',
  'activeAlarms',
  'connectionType',
  'firmwareVersion',
] as const

/** Fields that a plain create or update may not change: their own flows (lifecycle, ingestion) do. */
export const PROTECTED_PUMP_FIELDS = ['status', ...LIFECYCLE_DATA_FIELDS, ...CONNECTIVITY_FIELDS] as const

export const PUMP_PASSWORD_MIN_LENGTH = 6

function comparable(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'null'
  if (value instanceof Date) return String(value.getTime())
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const time = Date.parse(value)
    if (!Number.isNaN(time)) return String(time)
  }
  return JSON.stringify(value)
}

/** The ID a relationship value holds, whether Payload gave the ID or the populated document; '' (a cleared form
 * field) is none. */
export function relationId(value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') return ((value as { id?: number | string }).id ?? null) as number | string | null
  return value as number | string
}

/** Whether two ids (or relationship values) name the same document: Payload gives ids as numbers or text, a
 * relationship as the id or the populated document. Two empty values are the same (no document). */
export function sameId(a: unknown, b: unknown): boolean {
  return String(relationId(a)) === String(relationId(b))
}

/** Equal for the card's purposes: a date as Date or ISO text, absent vs null, the same JSON. */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  return comparable(a) === comparable(b)
}
