// What the alarm record tests share: a model with an alarm catalog, a pump of that model, and the pump's records.
import { sql } from '@payloadcms/db-postgres'

import { payload, pump, type Modem } from './ingest-suite'
import { execute } from './modems'

type CatalogEntry = {
  code: string
  severity: 'critical' | 'major' | 'minor' | 'warning'
  textRu: string
  textEn: string
}

/** A model whose catalog is `catalog`; answers its id. */
export async function modelWithCatalog(name: string, catalog: CatalogEntry[]): Promise<number> {
  const model = await payload.create({
    collection: 'models',
    data: { name, code: `${name.replace(/\W/g, '').slice(0, 6).toUpperCase()}-${Date.now()}`, alarmCatalog: catalog },
  })
  return model.id
}

/** A connected-ready pump of the model. */
export async function pumpOfModel(modelId: number): Promise<Modem> {
  const modem = await pump()
  await execute(payload, sql`update pumps set model_id = ${modelId} where id = ${modem.id}`)
  return modem
}

/** The pump's alarm records, oldest raise first. */
export async function alarmRecords(pumpId: number) {
  const found = await payload.find({
    collection: 'alarms',
    where: { pump: { equals: pumpId } },
    sort: 'raisedAt',
    depth: 0,
    limit: 100,
  })
  return found.docs
}
