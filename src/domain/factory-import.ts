// The factory's file of produced pumps, checked row by row before anything is written: every problem is named by
// its row (as the spreadsheet numbers it, the header being row 1) and column, so the file is fixed in one go.
import { checkIccid, ICCID_ERRORS } from './iccid'
import { type Bilingual, REQUIRED } from './messages'
import { normalizeSerial } from './registration'

export const IMPORT_COLUMNS = ['serial', 'model', 'iccid', 'productionDate', 'note'] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ['serial', 'model', 'iccid', 'productionDate']

/** The most rows one file may hold (a day's production is hundreds). */
export const MAX_IMPORT_ROWS = 20_000
export const MAX_SERIAL_LENGTH = 64
export const MAX_NOTE_LENGTH = 1000

export const IMPORT_COLUMN_LABELS: Record<ImportColumn, Bilingual> = {
  serial: { en: 'serial', ru: 'серийный номер' },
  model: { en: 'model', ru: 'модель' },
  iccid: { en: 'iccid', ru: 'ICCID' },
  productionDate: { en: 'production date', ru: 'дата производства' },
  note: { en: 'note', ru: 'примечание' },
}

/** Header names accepted for each column, compared lower-cased with spaces, dashes and underscores removed. */
const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  serial: ['serial', 'serialnumber', 'sn', 'серийныйномер', 'серийный', 'заводскойномер'],
  model: ['model', 'modelcode', 'модель', 'кодмодели'],
  iccid: ['iccid', 'sim', 'simiccid', 'simnumber', 'sim-карта', 'номерsim', 'номерsimкарты', 'номерsim-карты'],
  productionDate: ['productiondate', 'produced', 'датапроизводства', 'датавыпуска'],
  note: ['note', 'comment', 'примечание', 'комментарий'],
}

export type Cell = string | number | Date | null | undefined
export type ImportProblem = { row: number; column: ImportColumn | 'file'; message: Bilingual }
export type ImportRow = {
  row: number
  serial: string
  modelCode: string
  iccid: string
  productionDate: Date
  note: string | null
}
export type ImportContext = {
  now: Date
  /** Model codes (upper-cased) the database knows. */
  modelCodes: ReadonlySet<string>
  /** Serials (normalized) already in the database. */
  existingSerials: ReadonlySet<string>
}

function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '')
}

export function columnOf(header: Cell): ImportColumn | null {
  const key = headerKey(cellText(header))
  const found = IMPORT_COLUMNS.find((column) => HEADER_ALIASES[column].some((alias) => headerKey(alias) === key))
  return found ?? null
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString()
  return String(cell).trim()
}

const EARLIEST = Date.UTC(2000, 0, 1)
const DAY = 24 * 3600 * 1000

/** A production date: a spreadsheet date, ISO 8601 (2026-11-28, 2026-11-28T09:00:00Z) or 28.11.2026. */
export function parseProductionDate(cell: Cell, now: Date): Date | 'format' | 'range' {
  let date: Date
  if (cell instanceof Date) date = cell
  else {
    const text = cellText(cell)
    const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text)
    if (dotted) date = new Date(Date.UTC(Number(dotted[3]), Number(dotted[2]) - 1, Number(dotted[1])))
    else if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) date = new Date(text)
    else return 'format'
    if (dotted && date.getUTCDate() !== Number(dotted[1])) return 'format'
  }
  if (Number.isNaN(date.getTime())) return 'format'
  if (date.getTime() < EARLIEST || date.getTime() > now.getTime() + DAY) return 'range'
  return date
}

export const IMPORT_MESSAGES = {
  noRows: { en: 'The file has no rows of pumps', ru: 'В файле нет строк с насосами' },
  tooManyRows: {
    en: `At most ${MAX_IMPORT_ROWS} pumps in one file`,
    ru: `Не больше ${MAX_IMPORT_ROWS} насосов в одном файле`,
  },
  missingColumn: { en: 'This column is missing from the header', ru: 'В заголовке нет этого столбца' },
  unknownColumn: (name: string): Bilingual => ({
    en: `Unknown column "${name}"; the columns are: serial, model, iccid, production date, note`,
    ru: `Неизвестный столбец «${name}»; столбцы: серийный номер, модель, ICCID, дата производства, примечание`,
  }),
  serialTooLong: { en: `At most ${MAX_SERIAL_LENGTH} characters`, ru: `Не длиннее ${MAX_SERIAL_LENGTH} символов` },
  serialCharacters: {
    en: 'Only letters, digits, dashes, dots and slashes',
    ru: 'Только латинские буквы, цифры, дефис, точка и косая черта',
  },
  duplicateInFile: (first: number): Bilingual => ({
    en: `The same serial as row ${first}`,
    ru: `Тот же серийный номер, что в строке ${first}`,
  }),
  duplicateInDatabase: { en: 'A pump with this serial already exists', ru: 'Насос с таким серийным номером уже есть' },
  unknownModel: (code: string): Bilingual => ({
    en: `No model with the code "${code}"`,
    ru: `Нет модели с кодом «${code}»`,
  }),
  dateFormat: {
    en: 'Not a date (use 2026-11-28 or 28.11.2026)',
    ru: 'Не дата (пишите 2026-11-28 или 28.11.2026)',
  },
  dateRange: {
    en: 'The date must be between 2000 and today',
    ru: 'Дата должна быть между 2000 годом и сегодняшним днём',
  },
  noteTooLong: { en: `At most ${MAX_NOTE_LENGTH} characters`, ru: `Не длиннее ${MAX_NOTE_LENGTH} символов` },
} as const

/** Which column each header cell is; problems for unknown and missing ones (row 1). */
export function readHeader(header: Cell[]): { columns: (ImportColumn | null)[]; problems: ImportProblem[] } {
  const columns = header.map(columnOf)
  const problems: ImportProblem[] = []
  header.forEach((cell, index) => {
    if (columns[index] === null && cellText(cell) !== '') {
      problems.push({ row: 1, column: 'file', message: IMPORT_MESSAGES.unknownColumn(cellText(cell)) })
    }
  })
  for (const column of REQUIRED_IMPORT_COLUMNS) {
    if (!columns.includes(column)) problems.push({ row: 1, column, message: IMPORT_MESSAGES.missingColumn })
  }
  return { columns, problems }
}

const SERIAL_PATTERN = /^[A-Z0-9][A-Z0-9./-]*$/

function checkSerial(text: string, problem: (message: Bilingual) => void): string {
  const serial = normalizeSerial(text)
  if (serial === '') problem(REQUIRED)
  else if (serial.length > MAX_SERIAL_LENGTH) problem(IMPORT_MESSAGES.serialTooLong)
  else if (!SERIAL_PATTERN.test(serial)) problem(IMPORT_MESSAGES.serialCharacters)
  return serial
}

type Fields = Partial<Record<ImportColumn, Cell>>

/** One row's values, or its problems. */
function checkRow(row: number, fields: Fields, context: ImportContext, problems: ImportProblem[]): ImportRow | null {
  const before = problems.length
  const problem = (column: ImportColumn) => (message: Bilingual) => problems.push({ row, column, message })
  const serial = checkSerial(cellText(fields.serial), problem('serial'))
  if (serial && context.existingSerials.has(serial)) problem('serial')(IMPORT_MESSAGES.duplicateInDatabase)
  const modelCode = cellText(fields.model)
  if (!modelCode) problem('model')(REQUIRED)
  else if (!context.modelCodes.has(modelCode.toUpperCase())) problem('model')(IMPORT_MESSAGES.unknownModel(modelCode))
  const iccidText = cellText(fields.iccid)
  const iccid = checkIccid(iccidText)
  if (!iccidText) problem('iccid')(REQUIRED)
  else if (!iccid.ok) problem('iccid')(ICCID_ERRORS[iccid.reason])
  const date = cellText(fields.productionDate) ? parseProductionDate(fields.productionDate!, context.now) : null
  if (date === null) problem('productionDate')(REQUIRED)
  else if (date === 'format') problem('productionDate')(IMPORT_MESSAGES.dateFormat)
  else if (date === 'range') problem('productionDate')(IMPORT_MESSAGES.dateRange)
  const note = cellText(fields.note)
  if (note.length > MAX_NOTE_LENGTH) problem('note')(IMPORT_MESSAGES.noteTooLong)
  if (problems.length > before || !iccid.ok || !(date instanceof Date)) return null
  return {
    row,
    serial,
    modelCode: modelCode.toUpperCase(),
    iccid: iccid.iccid,
    productionDate: date,
    note: note || null,
  }
}

/** Every row checked: the rows to create, or every problem of the file (never some of each). */
export function checkImport(
  table: Cell[][],
  context: ImportContext,
): { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] } {
  const [header = [], ...body] = table
  const { columns, problems } = readHeader(header)
  const rows: ImportRow[] = []
  const firstRowOf = new Map<string, number>()
  const filled = body.map((cells, index) => ({ cells, row: index + 2 })).filter(({ cells }) => cells.some(cellText))
  if (filled.length === 0) problems.push({ row: 1, column: 'file', message: IMPORT_MESSAGES.noRows })
  if (filled.length > MAX_IMPORT_ROWS) {
    return { ok: false, problems: [{ row: 1, column: 'file', message: IMPORT_MESSAGES.tooManyRows }] }
  }
  if (problems.length) return { ok: false, problems }
  for (const { cells, row } of filled) {
    const fields: Fields = {}
    columns.forEach((column, index) => column && (fields[column] = cells[index]))
    const checked = checkRow(row, fields, context, problems)
    const serial = checked?.serial ?? normalizeSerial(cellText(fields.serial))
    const first = serial ? firstRowOf.get(serial) : undefined
    if (first !== undefined) problems.push({ row, column: 'serial', message: IMPORT_MESSAGES.duplicateInFile(first) })
    else if (serial) firstRowOf.set(serial, row)
    if (checked && first === undefined) rows.push(checked)
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows }
}

/** "Row 5, column iccid: …" in one language. */
export function describeProblem(problem: ImportProblem, language: 'en' | 'ru'): string {
  const column = problem.column === 'file' ? null : IMPORT_COLUMN_LABELS[problem.column][language]
  const where =
    language === 'ru'
      ? `Строка ${problem.row}${column ? `, столбец «${column}»` : ''}`
      : `Row ${problem.row}${column ? `, column "${column}"` : ''}`
  return `${where}: ${problem.message[language]}`
}

/** The file's serials (normalized), to ask the database which exist before the check. */
export function serialsOf(table: Cell[][]): string[] {
  const index = (table[0] ?? []).map(columnOf).indexOf('serial')
  if (index < 0) return []
  return table
    .slice(1)
    .map((cells) => normalizeSerial(cellText(cells[index])))
    .filter(Boolean)
}
