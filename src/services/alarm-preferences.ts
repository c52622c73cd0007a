// The owner's push preferences read and set by the app (GET/PATCH /api/buyers/me/alarm-preferences): which
// severities are pushed (none: no push) and quiet hours in the pump's time zone.
import type { PayloadRequest } from 'payload'

import { buyerOf } from '../../access'
import { SEVERITIES, type Severity } from '../domain/alarms'
import { isClockTime } from '../domain/notifications'
import { refuseAlarm } from './alarm-refused'

export type AlarmPreferences = { severities: Severity[]; quietFrom: string | null; quietTo: string | null }

const DEFAULT_SEVERITIES: Severity[] = ['critical', 'major']

function owner(req: PayloadRequest): number {
  const buyer = buyerOf(req.user)
  if (buyer === null)
    refuseAlarm(req, req.user ? 403 : 401, { en: 'Sign in as the pump owner', ru: 'Войдите как владелец насоса' })
  return Number(buyer)
}

function shape(push: { severities?: unknown; quietFrom?: unknown; quietTo?: unknown } | null | undefined) {
  const severities = Array.isArray(push?.severities) ? (push.severities as Severity[]) : DEFAULT_SEVERITIES
  return {
    severities: SEVERITIES.filter((value) => severities.includes(value)),
    quietFrom: typeof push?.quietFrom === 'string' && push.quietFrom !== '' ? push.quietFrom : null,
    quietTo: typeof push?.quietTo === 'string' && push.quietTo !== '' ? push.quietTo : null,
  }
}

export async function readAlarmPreferences(req: PayloadRequest): Promise<AlarmPreferences> {
  const buyer = await req.payload.findByID({ collection: 'buyers', id: owner(req), depth: 0, overrideAccess: true })
  return shape(buyer.alarmPush)
}

function clock(req: PayloadRequest, field: string, value: unknown): string | null {
  if (value === null || value === '') return null
  if (typeof value === 'string' && isClockTime(value)) return value
  return refuseAlarm(req, 400, {
    en: `${field}: a time HH:MM, e.g. 22:00, or null`,
    ru: `${field} — время ЧЧ:ММ, например 22:00, или null`,
  })
}

/** Checks a PATCH body: only the fields sent change; anything unknown or malformed is a 400 naming it. */
export function checkPreferences(req: PayloadRequest, body: Record<string, unknown>): Partial<AlarmPreferences> {
  const known = ['severities', 'quietFrom', 'quietTo']
  const unknown = Object.keys(body).find((key) => !known.includes(key))
  if (unknown !== undefined)
    refuseAlarm(req, 400, {
      en: `${unknown}: not a preference (severities, quietFrom, quietTo)`,
      ru: `${unknown} — нет такой настройки (severities, quietFrom, quietTo)`,
    })
  const patch: Partial<AlarmPreferences> = {}
  if ('severities' in body) {
    const list = body.severities
    if (!Array.isArray(list) || list.some((value) => !SEVERITIES.includes(value as Severity)))
      refuseAlarm(req, 400, {
        en: `severities: a list of ${SEVERITIES.join(', ')} (empty: no push)`,
        ru: `severities — список из ${SEVERITIES.join(', ')} (пустой: без push)`,
      })
    patch.severities = SEVERITIES.filter((value) => (list as string[]).includes(value))
  }
  if ('quietFrom' in body) patch.quietFrom = clock(req, 'quietFrom', body.quietFrom)
  if ('quietTo' in body) patch.quietTo = clock(req, 'quietTo', body.quietTo)
  return patch
}

export async function updateAlarmPreferences(
  req: PayloadRequest,
  patch: Partial<AlarmPreferences>,
): Promise<AlarmPreferences> {
  const id = owner(req)
  const merged = { ...(await readAlarmPreferences(req)), ...patch }
  const doc = await req.payload.update({
    collection: 'buyers',
    id,
    data: { alarmPush: merged },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return shape(doc.alarmPush)
}
