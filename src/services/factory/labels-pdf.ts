// The label sheet an import hands back: one label per pump with its serial, model, a QR code of the serial and the
// printed password, on A4 sheets of standard label sizes or one label per page for a label printer. Streamed page
// by page, so ten thousand labels never sit in memory at once.
import { Readable } from 'node:stream'

import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'

import type { LabelEntry } from './handouts'

const MM = 72 / 25.4

export type LabelFormat = {
  page: [number, number]
  columns: number
  rows: number
  label: [number, number]
  /** The sheet's top-left margin. */
  origin: [number, number]
}

/** The label sizes on offer: A4 sheets (3×8 of 70×37 mm, 2×7 of 105×42.3 mm) and a 58×40 mm roll. */
export const LABEL_FORMATS: Record<string, LabelFormat> = {
  'a4-3x8': { page: [210 * MM, 297 * MM], columns: 3, rows: 8, label: [70 * MM, 37 * MM], origin: [0, 0.5 * MM] },
  'a4-2x7': { page: [210 * MM, 297 * MM], columns: 2, rows: 7, label: [105 * MM, 42.3 * MM], origin: [0, 0.45 * MM] },
  'single-58x40': { page: [58 * MM, 40 * MM], columns: 1, rows: 1, label: [58 * MM, 40 * MM], origin: [0, 0] },
}
export const DEFAULT_LABEL_FORMAT = 'a4-3x8'

export function isLabelFormat(value: unknown): value is keyof typeof LABEL_FORMATS {
  return typeof value === 'string' && Object.hasOwn(LABEL_FORMATS, value)
}

/** Standard PDF fonts cover Latin-1 only: anything else is printed as "?" (serials and passwords are Latin). */
function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?')
}

/** The QR code of the serial as filled squares: one rectangle per run of dark modules in a row. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  const cell = size / (modules.size + 2 * quiet)
  for (let row = 0; row < modules.size; row++) {
    let start = -1
    for (let column = 0; column <= modules.size; column++) {
      const dark = column < modules.size && modules.get(row, column)
      if (dark && start < 0) start = column
      if (!dark && start >= 0) {
        doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (column - start) * cell, cell)
        start = -1
      }
    }
  }
  doc.fill('black')
}

/** One line at the wanted size, smaller if it would not fit the width (never wrapped: pdfkit's wrapping would start
 * a new page at a sheet's bottom row). */
function line(
  doc: PDFKit.PDFDocument,
  font: string,
  wanted: number,
  text: string,
  at: [number, number],
  width: number,
) {
  const shown = latin1(text)
  doc.font(font).fontSize(wanted)
  const natural = doc.widthOfString(shown)
  doc.fontSize(natural > width ? (wanted * width) / natural : wanted)
  doc.text(shown, at[0], at[1], { lineBreak: false })
}

function drawLabel(
  doc: PDFKit.PDFDocument,
  entry: LabelEntry,
  x: number,
  y: number,
  [width, height]: [number, number],
) {
  const pad = 2 * MM
  const qr = Math.min(height - 2 * pad, (width - 2 * pad) * 0.45)
  drawQr(doc, entry.serial, x + pad, y + (height - qr) / 2, qr)
  const textX = x + pad + qr + pad
  const textWidth = width - (textX - x) - pad
  const size = Math.min(11, height / 8)
  line(doc, 'Helvetica-Bold', size, entry.serial, [textX, y + pad + size * 0.3], textWidth)
  line(doc, 'Helvetica', size * 0.8, entry.model, [textX, y + pad + size * 1.8], textWidth)
  line(doc, 'Helvetica', size * 0.7, 'Password:', [textX, y + height - pad - size * 2.6], textWidth)
  line(doc, 'Courier-Bold', size, entry.password, [textX, y + height - pad - size * 1.4], textWidth)
}

/** The PDF, generated a page at a time as the reader takes it. */
export function labelsPdf(entries: LabelEntry[], format: LabelFormat): Readable {
  const doc = new PDFDocument({ size: format.page, margin: 0, autoFirstPage: false, compress: true })
  const perPage = format.columns * format.rows
  let next = 0
  const page = () => {
    if (next >= entries.length) {
      doc.end()
      return
    }
    doc.addPage({ size: format.page, margin: 0 })
    for (let slot = 0; slot < perPage && next < entries.length; slot++, next++) {
      const x = format.origin[0] + (slot % format.columns) * format.label[0]
      const y = format.origin[1] + Math.floor(slot / format.columns) * format.label[1]
      drawLabel(doc, entries[next], x, y, format.label)
    }
    setImmediate(page)
  }
  setImmediate(page)
  return doc
}

/** The modem flashing station's file: serial and device key per line (RFC 4180 CSV; neither needs quoting). */
export function flashingCsv(entries: { serial: string; deviceKey: string }[]): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from('serial,deviceKey\r\n')
      for (let i = 0; i < entries.length; i += 500) {
        const lines = entries.slice(i, i + 500).map((entry) => `${entry.serial},${entry.deviceKey}\r\n`)
        yield Buffer.from(lines.join(''))
      }
    })(),
  )
}
