// GET /api/mobile/openapi.json: the owners' app API as OpenAPI 3.1 (docs/mobile-openapi.yaml, read once), so the
// app team can generate its client from the running server.
import fs from 'node:fs'
import path from 'node:path'

import type { Endpoint } from 'payload'
import { parse } from 'yaml'

import { rootDirOf } from '../services/root'

export const MOBILE_OPENAPI_FILE = 'docs/mobile-openapi.yaml'
let document: unknown = null

export function mobileOpenApi(): unknown {
  document ??= parse(fs.readFileSync(path.join(rootDirOf(), MOBILE_OPENAPI_FILE), 'utf8'))
  return document
}

export const mobileOpenApiEndpoint: Endpoint = {
  path: '/mobile/openapi.json',
  method: 'get',
  handler: () => Response.json(mobileOpenApi(), { headers: { 'Cache-Control': 'public, max-age=300' } }),
}
