// The express host: Next.js (admin panel, REST /api, GraphQL /api/graphql) plus /healthz.
import express from 'express'
import type { Server } from 'node:http'
import next from 'next'
import { getPayload, type Payload } from 'payload'

import config from '../payload.config'
import { health, registerHealthCheck } from './services/health'
import { httpGuards } from './runtime/http-guards'
import { rootDirOf } from './services/root'
import { settings } from './settings'
import { closePayload } from './services/close'
import { stampClientAddress } from './services/client-address'
import { mountMetrics, timeRequests } from './runtime/metrics-http'
import { watchPayload } from './services/metrics'

export const rootDir = rootDirOf()

export type RunningServer = { payload: Payload; url: string; close: () => Promise<void> }

export async function startServer(options: { dev: boolean; port?: number }): Promise<RunningServer> {
  const port = options.port ?? settings.port
  // Payload is initialised here, once: Next's route handlers find this instance in Payload's own cache. Its
  // onInit prepares the database (src/services/database-setup.ts) and starts the modem ingestion (plugins/mqtt-ingest).
  settings.role = 'server'
  const payload = await getPayload({ config })
  if (!settings.mqttIngest) registerHealthCheck('mqtt', () => ({ state: 'off', note: 'MQTT_INGEST=off' }))

  const nextApp = next({ dev: options.dev, dir: rootDir, hostname: '127.0.0.1', port })
  await nextApp.prepare()
  const handle = nextApp.getRequestHandler()

  const app = express()
  app.disable('x-powered-by')
  // HTTP latency by route for /metrics (docs/metrics.md), the guards' own answers included.
  app.use(timeRequests)
  // Security headers, cookie writes only from our own origins, early 413s: before anything else answers.
  app.use(
    httpGuards({
      allowedOrigins: settings.allowedOrigins,
      maxBodyBytes: settings.maxBodyBytes,
      maxUploadBytes: settings.maxUploadBytes,
      dev: options.dev,
    }),
  )
  app.get('/healthz', async (_req, res) => {
    const { ok, body } = await health(payload)
    res.status(ok ? 200 : 503).json(body)
  })
  watchPayload(payload)
  mountMetrics(app, settings.metricsToken)
  // No body parser in front of Next: its handlers read the raw request themselves.
  app.use((req, res) => {
    // The throttles' client address (src/services/client-address.ts): the socket's, unless TRUST_PROXY.
    stampClientAddress(req)
    return handle(req, res)
  })

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, () => resolve(listening))
    listening.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already taken by another program: free it or start with PORT=<port>.`)
          : error,
      ),
    )
  })
  const url = `http://localhost:${port}`
  console.log(`[server] ready at ${url}/admin (REST ${url}/api, GraphQL ${url}/api/graphql, health ${url}/healthz)`)

  return {
    payload,
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await nextApp.close()
      await closePayload(payload)
    },
  }
}
