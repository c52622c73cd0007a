// The one writer of a model's alarm catalog from an import: all entries replace the old catalog in one update.
import type { PayloadRequest } from 'payload'

import type { CatalogEntry } from '../domain/alarms'
import { refuseAlarm } from './alarm-refused'

/** Replaces the model's catalog with `entries` (one update: all of it lands or none); answers how many. */
export async function replaceCatalog(req: PayloadRequest, modelId: number, entries: CatalogEntry[]): Promise<number> {
  const model = await req.payload.findByID({ collection: 'models', id: modelId, depth: 0, req, disableErrors: true })
  if (!model) refuseAlarm(req, 404, { en: 'No such model', ru: 'Нет такой модели' })
  await req.payload.update({
    collection: 'models',
    id: modelId,
    data: { alarmCatalog: entries.map((entry) => ({ ...entry })) },
    req,
    overrideAccess: false,
  })
  return entries.length
}
