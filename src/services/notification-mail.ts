// What an alarm e-mail says: the alarm, its pump and place, the catalog's text and what to do in the recipient's
// language, and the link to the pump card (read when it is sent, so it says what is true then).
import type { Payload } from 'payload'

import { DEFAULT_SEVERITY, type Severity } from '../domain/alarms'
import { alarmEmail } from '../domain/notifications'
import { relationId } from '../domain/pump'

type CatalogRow = {
  code: string
  textRu: string
  textEn: string
  actionRu?: string | null
  actionEn?: string | null
  manualPage?: number | null
}

const nameOf = (value: unknown): string | null =>
  value && typeof value === 'object' ? String((value as { name?: unknown }).name ?? '') || null : null

export async function composeAlarmEmail(
  payload: Payload,
  alarmId: number,
  language: 'ru' | 'en',
  serverUrl: string,
  escalatedAfterMinutes: number | null = null,
) {
  const alarm = await payload.findByID({ collection: 'alarms', id: alarmId, depth: 0 })
  const pump = await payload.findByID({
    collection: 'pumps',
    id: relationId(alarm.pump) as number,
    depth: 1,
    locale: language,
  })
  const catalog = ((pump.model && typeof pump.model === 'object' ? pump.model.alarmCatalog : null) ??
    []) as CatalogRow[]
  const entry = catalog.find((row) => row.code === alarm.code)
  const ru = language === 'ru'
  return alarmEmail(
    {
      severity: (alarm.severity ?? DEFAULT_SEVERITY) as Severity,
      code: alarm.code,
      text: (entry ? (ru ? entry.textRu : entry.textEn) : alarm.text) || alarm.code,
      action: (entry && (ru ? entry.actionRu : entry.actionEn)) || null,
      manualPage: entry?.manualPage ?? null,
      serial: pump.serial,
      region: nameOf(pump.region),
      objectType: nameOf(pump.objectType),
      raisedAt: alarm.raisedAt,
      cardUrl: `${serverUrl}/admin/collections/pumps/${pump.id}`,
    },
    language,
    escalatedAfterMinutes,
  )
}
