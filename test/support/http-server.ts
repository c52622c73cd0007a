// Real HTTP in front of the very REST handlers Next.js mounts at /api, for clients that need a socket (curl).
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

import config from '../../payload.config'

type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>

const handlers: Record<string, Handler> = {
  GET: REST_GET(config) as Handler,
  POST: REST_POST(config) as Handler,
  PATCH: REST_PATCH(config) as Handler,
  DELETE: REST_DELETE(config) as Handler,
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, origin: string): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const url = new URL(req.url ?? '/', origin)
  const handler = handlers[req.method ?? 'GET']
  if (!handler || !url.pathname.startsWith('/api/')) {
    res.writeHead(404).end()
    return
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  const request = new Request(url, {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  })
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  const response = await handler(request, { params: Promise.resolve({ slug }) })
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** Listens on a free port of 127.0.0.1; `url` has no trailing slash. */
export async function serveRest(): Promise<{ url: string; close: () => Promise<void> }> {
  let origin = ''
  const server = http.createServer((req, res) => {
    answer(req, res, origin).catch((error: Error) => {
      res.writeHead(500).end(error.message)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
