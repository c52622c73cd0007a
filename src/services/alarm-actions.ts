// The one writer of what people do with an alarm: acknowledge (one or many, with a comment) and assign. The
// caller must be able to read every alarm named (staff: any; a partner: its own pumps'); owners never act.
import type { PayloadRequest, Where } from 'payload'

import { partnerOf, isStaff, staffUser } from '../../access'
import { relationId, sameId } from '../domain/pump'
import { refuseAlarm as refuse } from './alarm-refused'
import { inTransaction } from './transaction'

/** The most alarms one acknowledgement names. */
export const MAX_ACKNOWLEDGE = 200
export const MAX_COMMENT_LENGTH = 2000

/** Staff and partner users only: 401 for nobody, 403 for an owner. */
function actor(req: PayloadRequest) {
  if (!req.user) refuse(req, 401, { en: 'Sign in first', ru: 'Сначала войдите в систему' })
  const user = staffUser(req.user)
  if (!user || (!isStaff(req.user) && partnerOf(req.user) === null))
    refuse(req, 403, {
      en: 'Only staff and partners act on alarms',
      ru: 'Действовать с авариями могут сотрудники и партнёры',
    })
  return user
}

/** The alarms with these ids the caller may read; 404 naming the first one missing or not theirs. */
async function readable(req: PayloadRequest, ids: number[]) {
  const found = await req.payload.find({
    collection: 'alarms',
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const seen = new Set(found.docs.map((doc) => doc.id))
  const missing = ids.find((id) => !seen.has(id))
  if (missing !== undefined) refuse(req, 404, { en: `No alarm ${missing} of yours`, ru: `Нет вашей аварии ${missing}` })
  return found.docs
}

/**
 * Acknowledges the alarms (all or none): who, when and the comment; an alarm acknowledged before keeps its first
 * acknowledgement. Answers the ids newly acknowledged.
 */
export async function acknowledgeAlarms(req: PayloadRequest, ids: number[], comment: string): Promise<number[]> {
  const user = actor(req)
  if (comment.length > MAX_COMMENT_LENGTH)
    refuse(req, 400, { en: 'The comment is too long', ru: 'Комментарий слишком длинный' })
  return inTransaction(req, async () => {
    const docs = await readable(req, ids)
    const fresh = docs.filter((doc) => !doc.acknowledgedAt).map((doc) => doc.id)
    if (!fresh.length) return []
    await req.payload.update({
      collection: 'alarms',
      where: { id: { in: fresh } } as Where,
      data: { acknowledgedAt: new Date().toISOString(), acknowledgedBy: user.id as number, comment: comment || null },
      depth: 0,
      req,
      overrideAccess: true,
    })
    return fresh
  })
}

/** The pump's responsible partner, or null. */
async function partnerOfAlarmPump(req: PayloadRequest, pumpId: unknown) {
  const pump = await req.payload.findByID({ collection: 'pumps', id: relationId(pumpId) as number, depth: 0, req })
  return relationId(pump.responsiblePartner)
}

/**
 * Assigns the alarm to a user who may see it (staff, or a partner user of the pump's responsible partner), or
 * takes the assignment away (null).
 */
export async function assignAlarm(req: PayloadRequest, id: number, assignee: number | null): Promise<void> {
  actor(req)
  await inTransaction(req, async () => {
    const [alarm] = await readable(req, [id])
    if (assignee !== null) {
      const user = await req.payload.findByID({ collection: 'users', id: assignee, depth: 0, req, disableErrors: true })
      const role = (user as { role?: string } | null)?.role
      const partner = relationId((user as { partner?: unknown } | null)?.partner)
      const fits =
        role === 'admin' ||
        role === 'service' ||
        (role === 'partner' && partner !== null && sameId(partner, await partnerOfAlarmPump(req, alarm.pump)))
      if (!fits)
        refuse(req, 400, { en: 'That user cannot see this alarm', ru: 'Этот пользователь не видит эту аварию' })
    }
    await req.payload.update({
      collection: 'alarms',
      id,
      data: { assignedTo: assignee },
      depth: 0,
      req,
      overrideAccess: true,
    })
  })
}
