// REST for the factory and logistics: GET /api/pumps/register.csv (the ERP's register), POST /api/pumps/batch (one
// status for many pumps), POST /api/pumps/import (multipart: file, password) and the two files it hands back once,
// GET /api/pumps/handouts/:token/labels (?format=) and GET /api/pumps/handouts/:token/flashing.
import { Readable } from 'node:stream'

import type { Endpoint, PayloadRequest } from 'payload'

import { inUserLanguage, type Message } from '../i18n'
import { settings } from '../settings'
import { importedMessage, importPumps } from '../services/factory/import'
import { takeIssued } from '../services/factory/issue'
import {
  DEFAULT_LABEL_FORMAT,
  flashingCsv,
  isLabelFormat,
  LABEL_FORMATS,
  labelsPdf,
} from '../services/factory/labels-pdf'
import { STATUS_LABELS } from '../domain/lifecycle'
import { batchTransition } from '../services/lifecycle/batch'
import { onlyStaff } from '../services/lifecycle/asking'
import { registerCsv } from '../services/factory/register-export'
import { reissuePumpPassword } from '../services/factory/reissue'
import { jsonBody } from './body'

function refuse(req: PayloadRequest, status: number, message: Message): Response {
  return Response.json({ errors: [{ message: inUserLanguage(req, message) }] }, { status })
}

function tooLarge(req: PayloadRequest): Response {
  const mb = +(settings.maxImportBytes / 1024 / 1024).toFixed(1)
  return refuse(req, 413, {
    en: `The file is too large: at most ${mb} MB (about 20,000 pumps); split it into several files`,
    ru: `Файл слишком велик: не более ${mb} МБ (около 20 000 насосов); разделите его на несколько файлов`,
  })
}

async function importHandler(req: PayloadRequest): Promise<Response> {
  onlyStaff(req)
  if (Number(req.headers.get('content-length') ?? 0) > settings.maxImportBytes + 64 * 1024) return tooLarge(req)
  let form: FormData
  try {
    form = await req.formData!()
  } catch {
    return refuse(req, 400, {
      en: 'Send the file as multipart/form-data',
      ru: 'Отправьте файл как multipart/form-data',
    })
  }
  const file = form.get('file')
  if (!(file instanceof Blob)) return refuse(req, 400, { en: 'Attach the file', ru: 'Приложите файл' })
  if (file.size > settings.maxImportBytes) return tooLarge(req)
  const fileName = (file as File).name || 'import.csv'
  const result = await importPumps(req, {
    fileName,
    data: Buffer.from(await file.arrayBuffer()),
    password: form.get('password'),
  })
  return Response.json({
    message: importedMessage(req, result.created),
    batch: result.batch,
    created: result.created,
    labels: `/api/pumps/handouts/${result.labelsToken}/labels`,
    flashing: `/api/pumps/handouts/${result.flashingToken}/flashing`,
  })
}

const GONE: Message = {
  en: 'This file was already downloaded, has expired, or the link is wrong; reissue the pumps’ secrets one by one',
  ru: 'Этот файл уже скачан, устарел или ссылка неверна; перевыпустите секреты насосов по одному',
}

function download(body: Readable, type: string, name: string): Response {
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  })
}

function unknownFormat(req: PayloadRequest): Response {
  return refuse(req, 400, {
    en: `Unknown label format; the formats are ${Object.keys(LABEL_FORMATS).join(', ')}`,
    ru: `Нет такого формата этикеток; форматы: ${Object.keys(LABEL_FORMATS).join(', ')}`,
  })
}

async function labelsHandler(req: PayloadRequest): Promise<Response> {
  onlyStaff(req)
  const format = req.searchParams.get('format') ?? DEFAULT_LABEL_FORMAT
  if (!isLabelFormat(format)) return unknownFormat(req)
  const taken = await takeIssued(req, 'labels', String(req.routeParams?.token ?? ''), format)
  if (!taken || taken.kind !== 'labels') return refuse(req, 410, GONE)
  return download(labelsPdf(taken.entries, LABEL_FORMATS[format]), 'application/pdf', `labels-${taken.batch}.pdf`)
}

async function flashingHandler(req: PayloadRequest): Promise<Response> {
  onlyStaff(req)
  const taken = await takeIssued(req, 'flashing', String(req.routeParams?.token ?? ''))
  if (!taken || taken.kind !== 'flashing') return refuse(req, 410, GONE)
  return download(flashingCsv(taken.entries), 'text/csv; charset=utf-8', `flashing-${taken.batch}.csv`)
}

async function batchHandler(req: PayloadRequest): Promise<Response> {
  const result = await batchTransition(req, await jsonBody(req))
  const label = STATUS_LABELS[result.to]
  return Response.json({
    message: inUserLanguage(req, {
      en: `${result.moved} pumps moved to "${label.en}"`,
      ru: `Насосов переведено в «${label.ru}»: ${result.moved}`,
    }),
    ...result,
  })
}

/** POST /api/pumps/:id/password-label?format= {"password"}: a new printed password, answered as its label PDF. */
async function passwordLabelHandler(req: PayloadRequest): Promise<Response> {
  const format = req.searchParams.get('format') ?? 'single-58x40'
  if (!isLabelFormat(format)) return unknownFormat(req)
  const { password } = await jsonBody(req)
  const entry = await reissuePumpPassword(req, req.routeParams?.id, password)
  return download(labelsPdf([entry], LABEL_FORMATS[format]), 'application/pdf', `label-${entry.serial}.pdf`)
}

export const factoryEndpoints: Endpoint[] = [
  {
    path: '/register.csv',
    method: 'get',
    handler: async (req) => download(registerCsv(req), 'text/csv; charset=utf-8', 'pump-register.csv'),
  },
  { path: '/:id/password-label', method: 'post', handler: passwordLabelHandler },
  { path: '/batch', method: 'post', handler: batchHandler },
  { path: '/import', method: 'post', handler: importHandler },
  { path: '/handouts/:token/labels', method: 'get', handler: labelsHandler },
  { path: '/handouts/:token/flashing', method: 'get', handler: flashingHandler },
]
