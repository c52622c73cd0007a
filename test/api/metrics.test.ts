// GET /metrics (issue 14, docs/metrics.md): Prometheus text format, refused without the token, off without
// METRICS_TOKEN; HTTP latency by route with ids folded; the ingestion's counters and backlog from its health report;
// the fleet gauges equal to the dashboard's figures.
import express from 'express'
import type { Server } from 'node:http'

import { freePort } from '../../src/runtime/ports'
import { mountMetrics, timeRequests } from '../../src/runtime/metrics-http'
import { fleetOverview, forgetOverviews } from '../../src/services/fleet-overview'
import { routeOf, watchIngestion, watchPayload } from '../../src/services/metrics'
import { localUser } from '../support/fixtures'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

const TOKEN = 'metrics-test-token'
let server: Server
let base: string
let offServer: Server
let offBase: string

const report = {
  state: 'up',
  pending: 7,
  writing: 2,
  commissioningBacklog: 1,
  latencyMs: { p50: 40, p99: 120 },
  counts: { received: 10, accepted: 8, cardsWritten: 8, flushFailures: 0, dropped: 0, rejected: { bad_json: 2 } },
}

async function listen(token: string | undefined): Promise<[Server, string]> {
  const app = express()
  app.use(timeRequests)
  mountMetrics(app, token)
  app.get('/api/pumps/:id', (_req, res) => {
    res.send('ok')
  })
  const port = await freePort()
  const listening: Server = await new Promise((resolve) => {
    const s = app.listen(port, () => resolve(s))
  })
  return [listening, `http://127.0.0.1:${port}`]
}

beforeAll(async () => {
  watchPayload(payload)
  watchIngestion(() => report)
  forgetOverviews()
  ;[server, base] = await listen(TOKEN)
  ;[offServer, offBase] = await listen(undefined)
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await new Promise((resolve) => offServer.close(resolve))
})

const scrape = (token?: string, at = base) =>
  fetch(`${at}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('GET /metrics', () => {
  it('refuses a scrape without the right token, and is off without METRICS_TOKEN', async () => {
    expect((await scrape()).status).toBe(401)
    expect((await scrape('wrong-token-of-same-size')).status).toBe(401)
    expect((await scrape(TOKEN, offBase)).status).toBe(404)
  })

  it('answers in the Prometheus text format with HTTP latency by route', async () => {
    await fetch(`${base}/api/pumps/123`)
    await fetch(`${base}/api/pumps/456`)
    const response = await scrape(TOKEN)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    expect(text).toContain('# TYPE hp_http_request_duration_seconds histogram')
    expect(
      sample(text, 'hp_http_request_duration_seconds_count{method="GET",route="/api/pumps/:id",status="200"}'),
    ).toBe(2)
    expect(text).toContain('# TYPE process_cpu_seconds_total counter')
  })

  it("reports the ingestion's rate, refusals, backlog and latency", async () => {
    const text = await (await scrape(TOKEN)).text()
    expect(sample(text, 'hp_ingest_messages_received_total')).toBe(10)
    expect(sample(text, 'hp_ingest_messages_rejected_total{reason="bad_json"}')).toBe(2)
    expect(sample(text, 'hp_ingest_backlog{queue="pending"}')).toBe(7)
    expect(sample(text, 'hp_ingest_latency_seconds{quantile="0.99"}')).toBe(0.12)
    expect(sample(text, 'hp_ingest_up')).toBe(1)
    report.counts.received = 15
    expect(sample(await (await scrape(TOKEN)).text(), 'hp_ingest_messages_received_total')).toBe(15)
  })

  it('reports the database pool and the fleet figures of the dashboard', async () => {
    const text = await (await scrape(TOKEN)).text()
    expect(sample(text, 'hp_db_pool_clients{state="total"}')).toBeGreaterThan(0)
    const overview = (await fleetOverview(payload, localUser(world, 'admin') as never))!
    for (const figure of [...overview.statuses, ...overview.health])
      expect({ figure: figure.key, value: sample(text, `hp_fleet_pumps{figure="${figure.key}"}`) }).toEqual({
        figure: figure.key,
        value: figure.count,
      })
  })

  it('folds ids and admin pages into routes', () => {
    expect(routeOf('/api/pumps/42/advance?x=1')).toBe('/api/pumps/:id/advance')
    expect(routeOf('/admin/collections/pumps/42')).toBe('/admin/collections/pumps/:id')
    expect(routeOf('/_next/static/chunks/a.js')).toBe('/_next/*')
  })
})
