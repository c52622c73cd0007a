// Reads the factory's file of produced pumps into a table of cells: CSV (comma or semicolon, as Excel writes it in
// Russian locales; UTF-8 with or without BOM) or XLSX (its first sheet). Checking the rows is the domain's job.
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'

import type { Cell } from '../../domain/factory-import'

export type ImportFileKind = 'csv' | 'xlsx'

/** The kind from the name or the first bytes (an XLSX is a ZIP: "PK"); null when it is neither. */
export function importFileKind(name: string, data: Buffer): ImportFileKind | null {
  if (data.subarray(0, 2).toString('latin1') === 'PK')
    return /\.xlsx$/i.test(name) || !/\.csv$/i.test(name) ? 'xlsx' : null
  if (/\.(csv|txt)$/i.test(name) || !/\.\w+$/.test(name)) return 'csv'
  return null
}

function csvTable(data: Buffer): Cell[][] {
  const text = data.toString('utf8').replace(/^\uFEFF/, '')
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][]
}

function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return String(value)
  if ('result' in value) return excelCell(value.result as ExcelJS.CellValue)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('text' in value) return String(value.text)
  return null
}

async function xlsxTable(data: Buffer): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(data as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  if (!sheet) return []
  const table: Cell[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[]
    // ExcelJS numbers cells from 1; an ICCID typed as a number keeps its digits (no exponent) as text.
    table[number - 1] = values
      .slice(1)
      .map((value) => (typeof value === 'number' ? numberText(value) : excelCell(value)))
  })
  return Array.from(table, (row) => row ?? [])
}

function numberText(value: number): string {
  return Number.isInteger(value) ? BigInt(Math.round(value)).toString() : String(value)
}

/** The file's cells, or null when it cannot be read as the kind it claims. */
export async function readImportFile(kind: ImportFileKind, data: Buffer): Promise<Cell[][] | null> {
  try {
    return kind === 'csv' ? csvTable(data) : await xlsxTable(data)
  } catch {
    return null
  }
}
