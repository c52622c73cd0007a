// GET /api/pumps/:id/telemetry (series), /telemetry/latest and /telemetry/csv: staff, the responsible partner and
// the owner read their pumps' telemetry; anyone else gets a 404, as for the pump itself (docs/telemetry.md).
import type { Endpoint, PayloadRequest } from 'payload'

import { parseTelemetryQuery, RANGE_TOO_LONG } from '../domain/telemetry-query'
import { inUserLanguage, type Message } from '../i18n'
import { readingsCsv } from '../services/telemetry/csv'
import { latestValues, readablePump, readSeries, type PumpTelemetry } from '../services/telemetry/read'

const refuse = (req: PayloadRequest, status: number, message: Message) =>
  Response.json({ errors: [{ message: inUserLanguage(req, message) }] }, { status })

const NO_PUMP: Message = { en: 'No such pump', ru: 'Насос не найден' }
const NO_STORE = { 'Cache-Control': 'no-store' }

/** The pump (404 unless the caller may read it) and the checked query (400 with why). */
async function pumpAndQuery(req: PayloadRequest) {
  const pump = await readablePump(req, Number(req.routeParams?.id))
  if (!pump) return { error: refuse(req, 404, NO_PUMP) }
  const parsed = parseTelemetryQuery((req.query ?? {}) as Record<string, unknown>, new Date())
  if (!parsed.ok) return { error: refuse(req, 400, parsed.message) }
  return { pump, query: parsed.query }
}

const describe = (pump: PumpTelemetry) => ({ pump: pump.id, timezone: pump.timezone, schema: pump.schema })

export const telemetryEndpoints: Endpoint[] = [
  {
    path: '/:id/telemetry/latest',
    method: 'get',
    handler: async (req) => {
      const pump = await readablePump(req, Number(req.routeParams?.id))
      if (!pump) return refuse(req, 404, NO_PUMP)
      return Response.json({ ...describe(pump), latest: latestValues(pump) }, { headers: NO_STORE })
    },
  },
  {
    path: '/:id/telemetry/csv',
    method: 'get',
    handler: async (req) => {
      const { pump, query, error } = await pumpAndQuery(req)
      if (error) return error
      const name = `pump-${pump.id}-${query.from.toISOString().slice(0, 10)}-${query.to.toISOString().slice(0, 10)}.csv`
      return new Response(await readingsCsv(req, pump.id, query), {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}"`,
          ...NO_STORE,
        },
      })
    },
  },
  {
    path: '/:id/telemetry',
    method: 'get',
    handler: async (req) => {
      const { pump, query, error } = await pumpAndQuery(req)
      if (error) return error
      const series = await readSeries(req, pump.id, query)
      if (!series) return refuse(req, 400, RANGE_TOO_LONG)
      const range = { from: query.from.toISOString(), to: query.to.toISOString() }
      return Response.json({ ...describe(pump), ...range, ...series }, { headers: NO_STORE })
    },
  },
]
