// The express host: Next.js (admin panel, REST /api, GraphQL /api/graphql) plus /healthz.
import express from 'express'
import type { Server } from 'node:http'
import next from 'next'
import { getPayload, type Payload } from 'payload'

import config from '../payload.config'
import { ensureReferenceData } from './seed/reference'
import { seedDemo } from './seed/demo'
import { health, registerHealthCheck } from './runtime/health'
import { applyMigrations } from './runtime/migrate'
import { rootDirOf } from './runtime/root'
import { settings } from './settings'
import { closePayload } from './runtime/close'

export const rootDir = rootDirOf()

export type RunningServer = { payload: Payload; url: string; close: () => Promise<void> }

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')
}

export async function startServer(options: { dev: boolean; port?: number }): Promise<RunningServer> {
  const port = options.port ?? settings.port
  // Payload is initialised here, once: Next's route handlers find this instance in Payload's own cache.
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  await ensureReferenceData(payload)
  if (settings.seedDemo) await seedDemo(payload, { onlyIfEmpty: true })

  registerHealthCheck('mqtt', () => ({
    state: 'not-running',
    broker: settings.mqttUrl ? redactUrl(settings.mqttUrl) : `embedded, 127.0.0.1:${settings.embeddedMqttPort}`,
    note: 'modem ingestion is not part of this build yet',
  }))

  const nextApp = next({ dev: options.dev, dir: rootDir, hostname: '127.0.0.1', port })
  await nextApp.prepare()
  const handle = nextApp.getRequestHandler()

  const app = express()
  app.disable('x-powered-by')
  app.get('/healthz', async (_req, res) => {
    const { ok, body } = await health(payload)
    res.status(ok ? 200 : 503).json(body)
  })
  // No body parser in front of Next: its handlers read the raw request themselves.
  app.use((req, res) => handle(req, res))

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
