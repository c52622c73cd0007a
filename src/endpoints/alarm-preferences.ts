// GET and PATCH /api/buyers/me/alarm-preferences: the owner's app reads and sets which alarm severities it is
// pushed and the quiet hours (docs/mobile-api.md).
import type { Endpoint } from 'payload'

import { checkPreferences, readAlarmPreferences, updateAlarmPreferences } from '../services/alarm-preferences'
import { refuseAlarm } from '../services/alarm-refused'
import { jsonBody } from './body'

export const alarmPreferenceEndpoints: Endpoint[] = [
  {
    path: '/me/alarm-preferences',
    method: 'get',
    handler: async (req) => Response.json(await readAlarmPreferences(req)),
  },
  {
    path: '/me/alarm-preferences',
    method: 'patch',
    handler: async (req) => {
      await readAlarmPreferences(req) // 401/403 before reading the body
      const body = await jsonBody(req).catch(() =>
        refuseAlarm(req, 400, { en: 'A JSON object expected', ru: 'Ожидается объект JSON' }),
      )
      return Response.json(await updateAlarmPreferences(req, checkPreferences(req, body)))
    },
  },
]
