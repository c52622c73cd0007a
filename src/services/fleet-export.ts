// The streamed CSV export of a filtered pump list (issue 14): the list's columns in the reader's language, read
// through the reader's own access in keyset pages of ids, so a million rows never sit in memory at once.
import type { Payload, PayloadRequest, Where } from 'payload'

import { isPumpStatus, STATUS_LABELS } from '../domain/lifecycle'
import type { Bilingual } from '../domain/messages'

type Row = Record<string, unknown>
type Column = { label: Bilingual; value: (row: Row, ru: boolean) => unknown }

const nameOf = (value: unknown, key: string) =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : (value ?? '')

/** The pump list's columns (its default columns, region and alarms), in the list's order. */
export const EXPORT_COLUMNS: Column[] = [
  { label: { en: 'Serial number', ru: 'Серийный номер' }, value: (row) => row.serial },
  { label: { en: 'Model', ru: 'Модель' }, value: (row) => nameOf(row.model, 'name') },
  {
    label: { en: 'Operation status', ru: 'Статус эксплуатации' },
    value: (row, ru) => (isPumpStatus(row.status) ? STATUS_LABELS[row.status][ru ? 'ru' : 'en'] : ''),
  },
  {
    label: { en: 'Responsible partner', ru: 'Ответственный партнёр' },
    value: (row) => nameOf(row.responsiblePartner, 'title'),
  },
  { label: { en: 'Region', ru: 'Регион' }, value: (row) => nameOf(row.region, 'name') },
  {
    label: { en: 'Online', ru: 'В сети' },
    value: (row, ru) => (row.online === true ? (ru ? 'В сети' : 'Online') : ru ? 'Не в сети' : 'Offline'),
  },
  { label: { en: 'Last data received (UTC)', ru: 'Последние данные (UTC)' }, value: (row) => row.lastDataAt },
  { label: { en: 'Active alarms', ru: 'Активных аварий' }, value: (row) => row.activeAlarmCount ?? 0 },
  { label: { en: 'SIM card number (ICCID)', ru: 'Номер SIM-карты (ICCID)' }, value: (row) => row.simNumber },
]

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180); a leading = + - @ is defused. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const csvLine = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`

export type ExportRequest = { payload: Payload; user: PayloadRequest['user']; where: Where; ru: boolean }

async function page(request: ExportRequest, after: number, size: number) {
  const { payload, user, where } = request
  const { docs } = await payload.find({
    collection: 'pumps',
    where: { and: [where, { id: { greater_than: after } }] },
    sort: 'id',
    limit: size,
    pagination: false,
    depth: 1,
    user,
    overrideAccess: false,
    select: {
      serial: true,
      model: true,
      status: true,
      responsiblePartner: true,
      region: true,
      online: true,
      lastDataAt: true,
      activeAlarmCount: true,
      simNumber: true,
    },
    populate: { models: { name: true }, partners: { title: true }, regions: { name: true } },
  })
  return docs as unknown as Row[]
}

/**
 * The CSV as a stream: a header line (with a BOM, for spreadsheets), then a page of rows per pull. The first page
 * is read before the stream is handed out, so a filter the reader may not use is a 400, not a broken download.
 */
export async function pumpCsvStream(request: ExportRequest, pageSize = 1000): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder()
  const lines = (rows: Row[]) =>
    rows.map((row) => csvLine(EXPORT_COLUMNS.map((column) => column.value(row, request.ru)))).join('')
  let rows = await page(request, 0, pageSize)
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const header = EXPORT_COLUMNS.map((column) => column.label[request.ru ? 'ru' : 'en'])
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`))
    },
    async pull(controller) {
      if (rows.length === 0) {
        controller.close()
        return
      }
      controller.enqueue(encoder.encode(lines(rows)))
      rows = rows.length < pageSize ? [] : await page(request, Number(rows[rows.length - 1].id), pageSize)
    },
  })
}
