// GET /api/pumps/export?where[…]: the pump list, filtered as the list is, as a streamed CSV file for staff (any pump)
// and partners (their own); everybody else gets 403 in their language.
import { Forbidden, type Endpoint, type Where } from 'payload'

import { isStaff, partnerOf } from '../../access'
import { pumpCsvStream } from '../services/fleet-export'

export const fleetExportEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req) => {
    if (!isStaff(req.user) && partnerOf(req.user) === null) throw new Forbidden(req.t)
    const where = ((req.query as { where?: Where } | undefined)?.where ?? {}) as Where
    const ru = req.i18n?.language === 'ru'
    const stream = await pumpCsvStream({ payload: req.payload, user: req.user, where, ru })
    const day = new Date().toISOString().slice(0, 10)
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="pumps-${day}.csv"`,
        'Cache-Control': 'no-store',
      },
    })
  },
}
