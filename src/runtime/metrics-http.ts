// GET /metrics on the express host, for Prometheus: only with METRICS_TOKEN set, and only for a request that
// carries it (Authorization: Bearer <token>); and the timing of every request by route.
import type { Express, NextFunction, Request, Response } from 'express'
import { timingSafeEqual } from 'node:crypto'

import { httpDuration, registry, routeOf } from '../services/metrics'

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Times each request (from its arrival to the last byte of its answer) under its route. */
export function timeRequests(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer({ method: req.method, route: routeOf(req.originalUrl ?? req.url) })
  res.once('finish', () => end({ status: String(res.statusCode) }))
  next()
}

export function mountMetrics(app: Express, token: string | undefined): void {
  app.get('/metrics', async (req, res) => {
    if (!token) {
      res.status(404).type('text/plain').send('Metrics are off: set METRICS_TOKEN to turn them on\n')
      return
    }
    const given = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')
    if (!sameToken(given, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('Bearer token required\n')
      return
    }
    res.set('Content-Type', registry.contentType).send(await registry.metrics())
  })
}
