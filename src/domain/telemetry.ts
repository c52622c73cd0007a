// A model's telemetry schema (what each key means) and how a reading is shown: plain TypeScript, unit-tested.

export const TELEMETRY_KINDS = ['number', 'boolean', 'enum'] as const
export type TelemetryKind = (typeof TELEMETRY_KINDS)[number]

/** The pattern of a reading's key (the ingestion refuses any other; see plugins/mqtt-ingest/readings.ts). */
export const TELEMETRY_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,31}$/

/** One key of a model's schema, as the models collection stores it. */
export type TelemetryKey = {
  key: string
  name: { ru: string; en: string }
  unit?: string | null
  kind: TelemetryKind
  min?: number | null
  max?: number | null
  decimals?: number | null
  values?: { value: number; label: { ru: string; en: string } }[] | null
}

export type Locale = 'ru' | 'en'

/** A reading as text in the reader's language: with its unit and decimals, a boolean or an enum by its label. */
export function formatReading(value: number, key: TelemetryKey | undefined, locale: Locale): string {
  if (!key) return String(value)
  if (key.kind === 'boolean') return value ? (locale === 'ru' ? 'да' : 'yes') : locale === 'ru' ? 'нет' : 'no'
  if (key.kind === 'enum') {
    const label = key.values?.find((entry) => entry.value === value)?.label[locale]
    return label ?? String(value)
  }
  const decimals = key.decimals ?? 1
  const text = value.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })
  return key.unit ? `${text} ${key.unit}` : text
}

/** Whether a number is outside the plausible range its model gives (never for booleans and enums). */
export function outOfRange(value: number, key: TelemetryKey | undefined): boolean {
  if (!key || key.kind !== 'number') return false
  return (typeof key.min === 'number' && value < key.min) || (typeof key.max === 'number' && value > key.max)
}

/** The name of a key in the reader's language, or the raw key when the model does not describe it. */
export function keyName(keyName: string, key: TelemetryKey | undefined, locale: Locale): string {
  return key?.name?.[locale] || keyName
}

/** The pumps' column of latest values the ingestion writes (the `telemetryLatest` field). */
export const TELEMETRY_LATEST_COLUMN = 'telemetry_latest'
