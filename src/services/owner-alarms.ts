// What the owner's app shows of its pumps' alarms: active and past, each with the model catalog's text and what
// to do in the app's language (the modem's own text when the catalog does not know the code).
import type { PayloadRequest, Where } from 'payload'

import { buyerOf } from '../../access'
import { DEFAULT_SEVERITY, SEVERITY_LABELS, type Severity } from '../domain/alarms'
import { relationId } from '../domain/pump'
import { refuseAlarm } from './alarm-refused'

type CatalogRow = {
  code: string
  severity: Severity
  textRu: string
  textEn: string
  actionRu?: string | null
  actionEn?: string | null
  manualPage?: number | null
}

export type OwnerAlarm = {
  id: number
  pump: { id: number; serial: string }
  code: string
  severity: Severity
  severityLabel: string
  text: string
  action: string | null
  manualPage: number | null
  raisedAt: string
  clearedAt: string | null
  acknowledged: boolean
}

/** The catalogs of the pumps' models, by pump id. */
async function catalogsOf(req: PayloadRequest, pumpIds: number[]) {
  const pumps = await req.payload.find({
    collection: 'pumps',
    where: { id: { in: pumpIds } },
    select: { serial: true, model: true },
    depth: 0,
    limit: pumpIds.length,
    pagination: false,
    req,
  })
  const modelIds = [...new Set(pumps.docs.map((pump) => relationId(pump.model)).filter((id) => id !== null))]
  const models = modelIds.length
    ? await req.payload.find({
        collection: 'models',
        where: { id: { in: modelIds } },
        select: { alarmCatalog: true },
        depth: 0,
        limit: modelIds.length,
        pagination: false,
        req,
      })
    : { docs: [] }
  const catalog = new Map(models.docs.map((model) => [model.id, (model.alarmCatalog ?? []) as CatalogRow[]]))
  return new Map(
    pumps.docs.map((pump) => [
      pump.id,
      { serial: pump.serial, catalog: catalog.get(relationId(pump.model) as number) ?? [] },
    ]),
  )
}

/** The signed-in owner's alarms, newest first: `active` only the uncleared ones, else all (a page at a time). */
export async function ownerAlarms(
  req: PayloadRequest,
  options: { active: boolean; limit: number; page: number; language: 'ru' | 'en' },
) {
  const buyer = buyerOf(req.user)
  if (buyer === null) {
    refuseAlarm(req, req.user ? 403 : 401, { en: 'Sign in as the pump owner', ru: 'Войдите как владелец насоса' })
  }
  const where: Where = { 'pump.owner': { equals: buyer } }
  if (options.active) where.clearedAt = { exists: false }
  const found = await req.payload.find({
    collection: 'alarms',
    where,
    sort: '-raisedAt',
    depth: 0,
    limit: options.limit,
    page: options.page,
    overrideAccess: true,
    req,
  })
  const pumps = await catalogsOf(req, [...new Set(found.docs.map((doc) => relationId(doc.pump) as number))])
  const ru = options.language === 'ru'
  const docs: OwnerAlarm[] = found.docs.map((doc) => {
    const pump = pumps.get(relationId(doc.pump) as number)
    const entry = pump?.catalog.find((row) => row.code === doc.code)
    const severity = (doc.severity ?? DEFAULT_SEVERITY) as Severity
    return {
      id: doc.id,
      pump: { id: relationId(doc.pump) as number, serial: pump?.serial ?? '' },
      code: doc.code,
      severity,
      severityLabel: SEVERITY_LABELS[severity][options.language],
      text: (entry ? (ru ? entry.textRu : entry.textEn) : doc.text) || doc.code,
      action: (entry && (ru ? entry.actionRu : entry.actionEn)) || null,
      manualPage: entry?.manualPage ?? null,
      raisedAt: doc.raisedAt,
      clearedAt: doc.clearedAt ?? null,
      acknowledged: Boolean(doc.acknowledgedAt),
    }
  })
  const { totalDocs, page, totalPages, hasNextPage } = found
  return { docs, totalDocs, page, totalPages, hasNextPage }
}
