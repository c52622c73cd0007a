// What a pump card or the pump list shows live (connectivity, alarms, status), for the pumps the caller may read:
// one bounded query per poll of an open page, through the same access rules as every other read.
import { APIError, type PayloadRequest } from 'payload'

import { inUserLanguage } from '../../hooks/errors'

/** The fields a page refreshes by itself; everything else on a card changes only when someone saves it. */
export const LIVE_FIELDS = [
  'status',
  'online',
  'lastDataAt',
  'lastSeenAt',
  'lastConnectedAt',
  'lastDisconnectedAt',
  'connectionType',
  'firmwareVersion',
  'activeAlarms',
] as const
export type LiveField = (typeof LIVE_FIELDS)[number]
export type LivePump = { id: number | string } & Partial<Record<LiveField, unknown>>

/** A list page shows at most this many rows; a poll asks for no more. */
export const MAX_LIVE_IDS = 100

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
