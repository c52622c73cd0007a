// The alarm endpoints: acknowledge (POST /api/alarms/acknowledge), assign (POST /api/alarms/:id/assign), and the
// owner's app's list (GET /api/alarms/mine). Each parses its input, calls its service and answers in the
// caller's language.
import type { Endpoint, PayloadRequest } from 'payload'

import type { Bilingual } from '../domain/messages'
import { refuseAlarm } from '../services/alarm-refused'
import { acknowledgeAlarms, assignAlarm, MAX_ACKNOWLEDGE } from '../services/alarm-actions'
import { ownerAlarms } from '../services/owner-alarms'
import { settings } from '../settings'
import { jsonBody } from './body'
import { isDocumentId } from './guards'

function badRequest(req: PayloadRequest, message: Bilingual): never {
  refuseAlarm(req, 400, message)
}

function idsOf(req: PayloadRequest, raw: unknown): number[] {
  const ok = Array.isArray(raw) && raw.length > 0 && raw.length <= MAX_ACKNOWLEDGE && raw.every(isDocumentId)
  if (!ok)
    badRequest(req, {
      en: `ids: a list of 1 to ${MAX_ACKNOWLEDGE} alarm ids`,
      ru: `ids — список из 1…${MAX_ACKNOWLEDGE} номеров аварий`,
    })
  return [...new Set((raw as unknown[]).map(Number))]
}

const acknowledge: Endpoint = {
  path: '/acknowledge',
  method: 'post',
  handler: async (req) => {
    const body = await jsonBody(req)
    const ids = idsOf(req, body.ids)
    if (body.comment !== undefined && typeof body.comment !== 'string')
      badRequest(req, { en: 'comment: text', ru: 'comment — текст' })
    const acknowledged = await acknowledgeAlarms(req, ids, ((body.comment as string | undefined) ?? '').trim())
    return Response.json({ acknowledged })
  },
}

const assign: Endpoint = {
  path: '/:id/assign',
  method: 'post',
  handler: async (req) => {
    const id = String(req.routeParams?.id ?? '')
    if (!isDocumentId(id)) badRequest(req, { en: 'Not an alarm id', ru: 'Это не номер аварии' })
    const body = await jsonBody(req)
    if (body.user !== null && !isDocumentId(body.user))
      badRequest(req, { en: 'user: a user id, or null', ru: 'user — номер пользователя или null' })
    await assignAlarm(req, Number(id), body.user === null ? null : Number(body.user))
    return Response.json({ id: Number(id), assignedTo: body.user === null ? null : Number(body.user) })
  },
}

function positive(value: unknown, fallback: number, max: number): number {
  const number = typeof value === 'string' && /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : fallback
  return Math.min(number, max)
}

const mine: Endpoint = {
  path: '/mine',
  method: 'get',
  handler: async (req) => {
    const query = (req.query ?? {}) as Record<string, unknown>
    const locale = query.locale === 'ru' || query.locale === 'en' ? query.locale : null
    const answer = await ownerAlarms(req, {
      active: query.active === 'true' || query.active === '1',
      limit: positive(query.limit, 20, settings.maxPageSize),
      page: positive(query.page, 1, 100_000),
      language: locale ?? (req.i18n?.language === 'ru' ? 'ru' : 'en'),
    })
    return Response.json(answer, { headers: { 'Cache-Control': 'no-store' } })
  },
}

export const alarmEndpoints: Endpoint[] = [acknowledge, assign, mine]
