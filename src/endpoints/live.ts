// GET /api/pumps/live?ids=1,2,3: the live state of the pumps an open card or list shows (docs/live.md). Parses the
// ids, calls the live service, and tells caches not to keep the answer.
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { inUserLanguage } from '../i18n'
import { MAX_LIVE_IDS, readLiveState } from '../services/live'
import { isDocumentId } from './guards'

/** `1,2,3` → [1, 2, 3]; anything else in the list, or more than a page of ids, is a 400 that says so. */
export function parseLiveIds(req: PayloadRequest, raw: unknown): number[] {
  const text = typeof raw === 'string' ? raw.trim() : ''
  const parts = text === '' ? [] : text.split(',').map((part) => part.trim())
  const bad = parts.find((part) => !isDocumentId(part))
  if (typeof raw !== 'string' || bad !== undefined || parts.length > MAX_LIVE_IDS) {
    throw new APIError(
      inUserLanguage(req, {
        en: `ids must be up to ${MAX_LIVE_IDS} pump ids separated by commas, e.g. ?ids=1,2,3${bad !== undefined ? ` ("${bad.slice(0, 20)}" is not an id)` : ''}`,
        ru: `ids — до ${MAX_LIVE_IDS} номеров насосов через запятую, например ?ids=1,2,3${bad !== undefined ? ` («${bad.slice(0, 20)}» — не номер)` : ''}`,
      }),
      400,
      null,
      true,
    )
  }
  return [...new Set(parts.map(Number))]
}

export const liveEndpoints: Endpoint[] = [
  {
    path: '/live',
    method: 'get',
    handler: async (req) => {
      const docs = await readLiveState(req, parseLiveIds(req, (req.query as Record<string, unknown> | undefined)?.ids))
      return Response.json({ docs, at: new Date().toISOString() }, { headers: { 'Cache-Control': 'no-store' } })
    },
  },
]
