// What a pump card or the pump list shows live (connectivity, alarms, status), for the pumps the caller may read:
// one bounded query per poll of an open page, through the same access rules as every other read.
import { APIError, type PayloadRequest } from 'payload'

import { inUserLanguage } from '../i18n'
import { LIVE_FIELDS, type LiveField, type LivePump } from '../domain/live'

export { MAX_LIVE_IDS } from '../domain/live'

const SELECT = Object.fromEntries(LIVE_FIELDS.map((name) => [name, true])) as Record<LiveField, true>

/** The live state of the pumps with these ids that the caller may read (others are left out, as in a list). */
export async function readLiveState(req: PayloadRequest, ids: number[]): Promise<LivePump[]> {
  if (!req.user) {
    throw new APIError(inUserLanguage(req, { en: 'Sign in first', ru: 'Сначала войдите в систему' }), 401, null, true)
  }
  if (ids.length === 0) return []
  const found = await req.payload.find({
    collection: 'pumps',
    where: { id: { in: ids } },
    select: SELECT,
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return found.docs as unknown as LivePump[]
}
