// A Payload instance on the run's test database, with migrations and reference lists applied, and a REST
// client that sends real HTTP Requests through the very handlers Next.js mounts at /api.
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { getPayload, type Payload } from 'payload'

import config from '../../payload.config'
import { closePayload } from '../../src/services/close'
import { applyMigrations } from '../../src/services/migrations'
import { ensureReferenceData } from '../../src/seed/reference'

export async function startPayload(): Promise<Payload> {
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  await ensureReferenceData(payload)
  return payload
}

export { closePayload }

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers }

type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>

const handlers: Record<string, Handler> = {
  GET: REST_GET(config) as Handler,
  POST: REST_POST(config) as Handler,
  PATCH: REST_PATCH(config) as Handler,
  DELETE: REST_DELETE(config) as Handler,
}
const graphql = GRAPHQL_POST(config) as unknown as (request: Request) => Promise<Response>

export type RequestOptions = {
  token?: string
  body?: unknown
  language?: 'en' | 'ru'
  headers?: Record<string, string>
}

function headersFor(options: RequestOptions): Headers {
  const headers = new Headers(options.headers)
  if (options.body !== undefined) headers.set('Content-Type', 'application/json')
  if (options.token) headers.set('Authorization', `JWT ${options.token}`)
  headers.set('Accept-Language', options.language ?? 'en')
  return headers
}

/** Every response body this test file received, for checks that span all of them (no secrets leaked). */
export const receivedBodies: string[] = []

async function parse(response: Response): Promise<ApiResponse> {
  const text = await response.text()
  receivedBodies.push(text)
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers }
}

/** `path` is what follows /api, e.g. `/pumps?limit=5`. */
export async function rest(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}) {
  const url = new URL(`http://localhost:3000/api${path}`)
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  const request = new Request(url, {
    method,
    headers: headersFor(options),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  return parse(await handlers[method](request, { params: Promise.resolve({ slug }) }))
}

export async function gql(query: string, options: RequestOptions & { variables?: Record<string, unknown> } = {}) {
  const request = new Request('http://localhost:3000/api/graphql', {
    method: 'POST',
    headers: headersFor({ ...options, body: {} }),
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  })
  return parse(await graphql(request))
}

/** Logs in through REST and returns the token. */
export async function login(collection: 'users' | 'buyers', credentials: Record<string, string>): Promise<string> {
  const response = await rest('POST', `/${collection}/login`, { body: credentials })
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body.token as string
}
