// The demo models' alarm catalog: the codes the simulator's modems raise, so the console and the app show real text.
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { CatalogEntry } from '../domain/alarms'

export const DEMO_ALARM_CATALOG: CatalogEntry[] = [
  {
    code: 'E21',
    severity: 'critical',
    textRu: 'Высокое давление в контуре хладагента',
    textEn: 'High refrigerant pressure',
    actionRu: 'Остановите насос, проверьте расход теплоносителя и чистоту фильтра; вызовите сервис',
    actionEn: 'Stop the pump, check the heating flow and the filter; call service',
    manualPage: 42,
  },
  {
    code: 'E12',
    severity: 'major',
    textRu: 'Низкий расход теплоносителя',
    textEn: 'Low heating water flow',
    actionRu: 'Проверьте циркуляционный насос, краны и фильтр',
    actionEn: 'Check the circulation pump, the valves and the filter',
    manualPage: 44,
  },
  {
    code: 'E30',
    severity: 'minor',
    textRu: 'Неисправен датчик наружной температуры',
    textEn: 'Outdoor temperature sensor fault',
    actionRu: 'Проверьте подключение датчика',
    actionEn: 'Check the sensor wiring',
    manualPage: 47,
  },
  {
    code: 'W03',
    severity: 'warning',
    textRu: 'Слишком долгая оттайка',
    textEn: 'Defrost cycle too long',
    actionRu: 'Проверьте, не обмерз ли испаритель, и свободен ли обдув наружного блока',
    actionEn: 'Check the evaporator for ice and that nothing blocks the outdoor unit',
    manualPage: null,
  },
]

/**
 * The demo owner's pump in operation (HP-2026-00004) has one active alarm (E12, two hours old) and one cleared the
 * day before (W03), so the console, the card and the app's alarm list show something on a fresh start.
 */
export async function seedDemoAlarms(payload: Payload): Promise<void> {
  const {
    docs: [pump],
  } = await payload.find({ collection: 'pumps', where: { serial: { equals: 'HP-2026-00004' } }, depth: 0, limit: 1 })
  if (!pump) return
  const ago = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString()
  await payload.create({
    collection: 'alarms',
    data: {
      pump: pump.id,
      code: 'W03',
      severity: 'warning',
      text: 'Defrost cycle too long',
      raisedAt: ago(30),
      clearedAt: ago(26),
    },
  })
  await payload.create({
    collection: 'alarms',
    data: { pump: pump.id, code: 'E12', severity: 'major', text: 'Low flow', raisedAt: ago(2) },
  })
  // The card's active set is written only by the ingestion's bulk statement: here too, in SQL.
  const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
  const active = JSON.stringify([{ code: 'E12', text: 'Low flow', since: ago(2) }])
  await db.execute(sql`update pumps set active_alarms = ${active}::jsonb, alarms_at = now() where id = ${pump.id}`)
}
