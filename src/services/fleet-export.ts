// The streamed CSV export of a filtered pump list (issue 14): the list's columns in the reader's language, read
// through the reader's own access in keyset pages of ids, so a million rows never sit in memory at once.
import type { CollectionSlug, Payload, PayloadRequest, Where } from 'payload'

import { isPumpStatus, STATUS_LABELS } from '../domain/lifecycle'
import type { Bilingual } from '../domain/messages'

type Row = Record<string, unknown>
/** The names of models, partners and regions by id, read once per export (see `referenceNames`). */
export type Names = { models: Map<unknown, unknown>; partners: Map<unknown, unknown>; regions: Map<unknown, unknown> }
type Column = { label: Bilingual; value: (row: Row, ru: boolean, names: Names) => unknown }

const nameOf = (names: Map<unknown, unknown>, id: unknown) => (id === null || id === undefined ? '' : names.get(id))

/** The pump list's columns (its default columns, region and alarms), in the list's order. */
export const EXPORT_COLUMNS: Column[] = [
  { label: { en: 'Serial number', ru: 'Серийный номер' }, value: (row) => row.serial },
  { label: { en: 'Model', ru: 'Модель' }, value: (row, _ru, names) => nameOf(names.models, row.model) },
  {
    label: { en: 'Operation status', ru: 'Статус эксплуатации' },
    value: (row, ru) => (isPumpStatus(row.status) ? STATUS_LABELS[row.status][ru ? 'ru' : 'en'] : ''),
  },
  {
    label: { en: 'Responsible partner', ru: 'Ответственный партнёр' },
    value: (row, _ru, names) => nameOf(names.partners, row.responsiblePartner),
  },
  { label: { en: 'Region', ru: 'Регион' }, value: (row, _ru, names) => nameOf(names.regions, row.region) },
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

async function namesOf(request: ExportRequest, collection: CollectionSlug, key: string) {
  const { docs } = await request.payload.find({
    collection,
    pagination: false,
    depth: 0,
    locale: request.ru ? 'ru' : 'en',
    // Only names, and only the ones the reader's own (access-filtered) rows point at are ever written.
    overrideAccess: true,
    select: { [key]: true },
  })
  return new Map(docs.map((doc) => [doc.id, (doc as unknown as Record<string, unknown>)[key]]))
}

/**
 * The small reference lists' names, read once: rows are then read at depth 0, as ids. Populating each page at depth
 * 1 made Payload build a document per relation per row, and the server's heap grew past 1 GB over a million rows.
 */
export async function referenceNames(request: ExportRequest): Promise<Names> {
  const [models, partners, regions] = await Promise.all([
    namesOf(request, 'models', 'name'),
    namesOf(request, 'partners', 'title'),
    namesOf(request, 'regions', 'name'),
  ])
  return { models, partners, regions }
}

async function page(request: ExportRequest, after: number, size: number) {
  const { payload, user, where } = request
  const { docs } = await payload.find({
    collection: 'pumps',
    where: { and: [where, { id: { greater_than: after } }] },
    sort: 'id',
    limit: size,
    pagination: false,
    depth: 0,
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
  })
  return docs as unknown as Row[]
}

/**
 * The CSV as a stream: a header line (with a BOM, for spreadsheets), then a page of rows per pull. The first page
 * is read before the stream is handed out, so a filter the reader may not use is a 400, not a broken download.
 */
export async function pumpCsvStream(request: ExportRequest, pageSize = 1000): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder()
  let rows = await page(request, 0, pageSize)
  const names = await referenceNames(request)
  const lines = (rows: Row[]) =>
    rows.map((row) => csvLine(EXPORT_COLUMNS.map((column) => column.value(row, request.ru, names)))).join('')
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
