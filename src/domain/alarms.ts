// The alarm rules with no Payload in them: severities and their order, the default for a code no catalog knows,
// the flapping window, and the check of an alarm catalog imported as CSV (every row checked before anything lands).
import { parse } from 'csv-parse/sync'

import type { Bilingual } from './messages'

/** Worst first: the order the console sorts in (and PostgreSQL's enum order, as declared). */
export const SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const
export type Severity = (typeof SEVERITIES)[number]

export const SEVERITY_LABELS: Record<Severity, Bilingual> = {
  critical: { en: 'Critical', ru: 'Критическая' },
  major: { en: 'Major', ru: 'Серьёзная' },
  minor: { en: 'Minor', ru: 'Незначительная' },
  warning: { en: 'Warning', ru: 'Предупреждение' },
}

/** A code the pump model's catalog does not know: shown as the modem sent it, looked at like a real fault. */
export const DEFAULT_SEVERITY: Severity = 'major'

/**
 * A code raised again within this long of being cleared reopens its record (a flapping contact, a sensor at its
 * threshold) instead of starting a new one: one fault, one record, one notification.
 */
export const DEFAULT_REOPEN_WINDOW_SECONDS = 600

/** One code of a model's catalog. */
export type CatalogEntry = {
  code: string
  severity: Severity
  textRu: string
  textEn: string
  actionRu: string | null
  actionEn: string | null
  manualPage: number | null
}

export type CatalogProblem = { row: number; column: string; message: Bilingual }

export const CATALOG_COLUMNS = [
  'code',
  'severity',
  'text_ru',
  'text_en',
  'action_ru',
  'action_en',
  'manual_page',
] as const

/** The most codes one model's catalog holds (a CSV longer than this is refused whole). */
export const MAX_CATALOG_ENTRIES = 2000

const CODE = /^[A-Za-z0-9_.-]{1,64}$/

function problem(row: number, column: string, en: string, ru: string): CatalogProblem {
  return { row, column, message: { en, ru } }
}

function checkRow(record: Record<string, string>, row: number, seen: Set<string>, problems: CatalogProblem[]) {
  const code = (record.code ?? '').trim()
  const severity = (record.severity ?? '').trim().toLowerCase()
  const textRu = (record.text_ru ?? '').trim()
  const textEn = (record.text_en ?? '').trim()
  const page = (record.manual_page ?? '').trim()
  if (!CODE.test(code)) problems.push(problem(row, 'code', 'Not an alarm code', 'Это не код аварии'))
  else if (seen.has(code)) problems.push(problem(row, 'code', 'The code is repeated', 'Код повторяется'))
  seen.add(code)
  if (!(SEVERITIES as readonly string[]).includes(severity))
    problems.push(problem(row, 'severity', `One of ${SEVERITIES.join(', ')}`, `Одно из: ${SEVERITIES.join(', ')}`))
  if (!textRu) problems.push(problem(row, 'text_ru', 'Required', 'Обязательное поле'))
  if (!textEn) problems.push(problem(row, 'text_en', 'Required', 'Обязательное поле'))
  if (page && !/^[1-9][0-9]{0,4}$/.test(page))
    problems.push(problem(row, 'manual_page', 'A page number', 'Номер страницы'))
  return {
    code,
    severity: severity as Severity,
    textRu,
    textEn,
    actionRu: (record.action_ru ?? '').trim() || null,
    actionEn: (record.action_en ?? '').trim() || null,
    manualPage: page ? Number(page) : null,
  }
}

/**
 * Reads a catalog CSV (a header row naming the columns, `,` or `;` between fields, UTF-8); either every row is
 * right and all entries come back, or the problems come back, each with its row (the header is row 1) and column.
 */
export function parseCatalogCsv(
  text: string,
): { ok: true; entries: CatalogEntry[] } | { ok: false; problems: CatalogProblem[] } {
  let records: Record<string, string>[]
  try {
    const delimiter = (text.split('\n', 1)[0].match(/;/g)?.length ?? 0) > 0 ? ';' : ','
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      delimiter,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as Record<string, string>[]
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return { ok: false, problems: [problem(line, '', 'Not a readable CSV', 'Файл CSV не читается')] }
  }
  const header = records.length ? Object.keys(records[0]) : []
  const missing = ['code', 'severity', 'text_ru', 'text_en'].filter((column) => !header.includes(column))
  if (!records.length || missing.length)
    return { ok: false, problems: [problem(1, missing.join(', '), 'Columns missing', 'Нет столбцов')] }
  if (records.length > MAX_CATALOG_ENTRIES)
    return { ok: false, problems: [problem(1, '', 'Too many rows', 'Слишком много строк')] }
  const problems: CatalogProblem[] = []
  const seen = new Set<string>()
  const entries = records.map((record, index) => checkRow(record, index + 2, seen, problems))
  return problems.length ? { ok: false, problems } : { ok: true, entries }
}

/** Whole minutes between two times (the console's and the app's "age"), never negative. */
export function ageMinutes(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000))
}

/** An age for people: `45 min`, `3 h 20 min`, `2 d 4 h` (ru: `45 мин`, `3 ч 20 мин`, `2 дн 4 ч`). */
export function formatAge(minutes: number, language: 'ru' | 'en'): string {
  const [m, h, d] = language === 'ru' ? ['мин', 'ч', 'дн'] : ['min', 'h', 'd']
  if (minutes < 60) return `${minutes} ${m}`
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} ${h} ${minutes % 60} ${m}`
  return `${Math.floor(minutes / 1440)} ${d} ${Math.floor((minutes % 1440) / 60)} ${h}`
}

/** The colour a severity is shown in (the admin's theme variables). */
export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: 'var(--theme-error-600)',
  major: 'var(--theme-error-400)',
  minor: 'var(--theme-warning-600)',
  warning: 'var(--theme-elevation-600)',
}
