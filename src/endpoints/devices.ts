// POST /api/buyers/me/devices {token, platform?, language?} and DELETE /api/buyers/me/devices?token=…: the owners'
// app registers and removes the tokens its push messages go to.
import type { Endpoint, PayloadRequest } from 'payload'

import { refuseAlarm } from '../services/alarm-refused'
import { registerDevice, removeDevice, type DeviceInput } from '../services/devices'
import { jsonBody } from './body'

function tokenOf(req: PayloadRequest, body: Record<string, unknown>): string {
  const token = typeof body.token === 'string' ? body.token.trim() : ''
  if (!/^[\x21-\x7e]{8,4096}$/.test(token))
    refuseAlarm(req, 400, {
      en: 'token: the push token, 8 to 4096 characters',
      ru: 'token — push-токен, 8…4096 символов',
    })
  return token
}

export const deviceEndpoints: Endpoint[] = [
  {
    path: '/me/devices',
    method: 'post',
    handler: async (req) => {
      const body = await jsonBody(req)
      const token = tokenOf(req, body)
      const platform = ['ios', 'android', 'web'].includes(body.platform as string)
        ? (body.platform as DeviceInput['platform'])
        : null
      const language = body.language === 'en' ? 'en' : 'ru'
      return Response.json(await registerDevice(req, { token, platform, language }), { status: 201 })
    },
  },
  {
    path: '/me/devices',
    method: 'delete',
    handler: async (req) => {
      // A DELETE's body is not read by every client or proxy: the token may come as ?token= too.
      const query = (req.query ?? {}) as Record<string, unknown>
      const token = tokenOf(req, typeof query.token === 'string' ? query : await jsonBody(req).catch(() => ({})))
      if (!(await removeDevice(req, token)))
        refuseAlarm(req, 404, { en: 'No such device of yours', ru: 'Нет такого вашего устройства' })
      return Response.json({ removed: true })
    },
  },
]
