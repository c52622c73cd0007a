// REST for the lifecycle: POST /api/pumps/:id/advance, POST /api/pumps/:id/set-status, GET /api/pumps/:id/transitions.
// Each parses the body, calls the lifecycle service and shapes the answer; the service decides everything else.
import type { Endpoint, PayloadRequest } from 'payload'

import { inUserLanguage } from '../i18n'
import { STATUS_LABELS } from '../domain/lifecycle'
import { advanceStatus, availableTransitions, setStatus, type StatusChangeResult } from '../services/lifecycle'
import { jsonBody } from './body'

/** The updated pump as the caller may see it, the history event, and a generated pump password (this once only). */
async function answer(req: PayloadRequest, result: StatusChangeResult): Promise<Response> {
  const doc = await req.payload.findByID({
    collection: 'pumps',
    id: result.pump.id,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const status = result.event.to!
  return Response.json({
    message: inUserLanguage(req, {
      en: `Status changed to "${STATUS_LABELS[status].en}"`,
      ru: `Статус изменён на «${STATUS_LABELS[status].ru}»`,
    }),
    doc,
    event: result.event,
    ...(result.generatedPassword ? { generatedPassword: result.generatedPassword } : {}),
    ...(result.generatedDeviceKey ? { generatedDeviceKey: result.generatedDeviceKey } : {}),
  })
}

export const lifecycleEndpoints: Endpoint[] = [
  {
    path: '/:id/advance',
    method: 'post',
    handler: async (req) => answer(req, await advanceStatus(req, req.routeParams?.id, await jsonBody(req))),
  },
  {
    path: '/:id/set-status',
    method: 'post',
    handler: async (req) => answer(req, await setStatus(req, req.routeParams?.id, await jsonBody(req))),
  },
  {
    path: '/:id/transitions',
    method: 'get',
    handler: async (req) => Response.json(await availableTransitions(req, req.routeParams?.id)),
  },
]
