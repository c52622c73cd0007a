// POST /api/models/:id/alarm-catalog: a model's alarm catalog replaced from a CSV (text/csv, or JSON {csv}).
// Every row is checked first; one bad row and nothing changes, and the answer names each row and column.
import type { Endpoint, PayloadRequest } from 'payload'

import { isAdminUser } from '../../access'
import { parseCatalogCsv } from '../domain/alarms'
import { inUserLanguage } from '../i18n'
import { replaceCatalog } from '../services/alarm-catalog'
import { refuseAlarm } from '../services/alarm-refused'
import { jsonBody } from './body'
import { isDocumentId } from './guards'

async function csvOf(req: PayloadRequest): Promise<string | null> {
  const type = req.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    const csv = (await jsonBody(req)).csv
    return typeof csv === 'string' ? csv : null
  }
  return req.text ? await req.text() : null
}

export const importCatalogEndpoint: Endpoint = {
  path: '/:id/alarm-catalog',
  method: 'post',
  handler: async (req) => {
    if (!isAdminUser(req.user)) {
      refuseAlarm(req, 403, { en: 'Admins only', ru: 'Только для администраторов' })
    }
    const id = String(req.routeParams?.id ?? '')
    if (!isDocumentId(id)) refuseAlarm(req, 404, { en: 'Not found', ru: 'Не найдено' })
    const csv = await csvOf(req)
    if (!csv) {
      const message = { en: 'Send the catalog as CSV (text/csv)', ru: 'Пришлите каталог в CSV (text/csv)' }
      refuseAlarm(req, 400, message)
    }
    const parsed = parseCatalogCsv(csv)
    if (!parsed.ok) {
      const errors = parsed.problems.map((entry) => ({
        row: entry.row,
        column: entry.column,
        message: inUserLanguage(req, entry.message),
      }))
      const message = inUserLanguage(req, {
        en: 'Nothing imported: fix these rows',
        ru: 'Ничего не загружено: исправьте строки',
      })
      return Response.json({ message, errors }, { status: 400 })
    }
    const imported = await replaceCatalog(req, Number(id), parsed.entries)
    return Response.json({ imported })
  },
}
