// A real HTTP server for express-level tests without `next build`: express with the production guards
// (src/runtime/http-guards.ts) in front of the very REST and GraphQL handlers Next.js mounts at /api.
import express from 'express'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

import config from '../../payload.config'
import { httpGuards, type HttpGuardOptions } from '../../src/runtime/http-guards'

type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>
const rest: Record<string, Handler> = {
  GET: REST_GET(config) as Handler,
  POST: REST_POST(config) as Handler,
  PATCH: REST_PATCH(config) as Handler,
  DELETE: REST_DELETE(config) as Handler,
}
const graphql = GRAPHQL_POST(config) as unknown as (request: Request) => Promise<Response>

/** What Next.js does for a route handler: a web Request from the node request, the web Response written back. */
async function toPayload(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  const url = new URL(req.url ?? '/', origin)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const request = new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: 'half',
  } as RequestInit)
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent)
  const response =
    url.pathname === '/api/graphql'
      ? await graphql(request)
      : await rest[req.method ?? 'GET'](request, { params: Promise.resolve({ slug }) })
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}

export type TestServer = { url: string; close: () => Promise<void> }

export async function startTestServer(options: HttpGuardOptions): Promise<TestServer> {
  const app = express()
  app.disable('x-powered-by')
  app.use(httpGuards(options))
  let origin = ''
  app.use((req, res) => {
    toPayload(req, res, origin).catch((error: Error) => {
      // The request was refused mid-body (413) or the client went away: nothing left to answer.
      if (!res.headersSent) res.status(500).json({ errors: [{ message: error.message }] })
    })
  })
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  origin = `http://127.0.0.1:${port}`
  return {
    url: origin,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
