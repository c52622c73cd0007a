// docs/mobile-openapi.yaml against the real answers: each call docs/mobile-api.md documents is made on a fresh demo
// database (as docs-examples does), and its status must be one the description lists and its JSON body valid
// against the schema given for it. The description is also served at /api/mobile/openapi.json.
import fs from 'node:fs'

import Ajv2020 from 'ajv/dist/2020'
import type { Payload } from 'payload'
import { parse } from 'yaml'

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database'

type Spec = {
  paths: Record<string, Record<string, any>>
  components: { schemas: Record<string, object>; responses: Record<string, any> }
}
const spec = parse(fs.readFileSync('docs/mobile-openapi.yaml', 'utf8')) as Spec
const local = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"components-'))
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
for (const [name, schema] of Object.entries(spec.components.schemas))
  ajv.addSchema({ $id: `components-${name}`, ...local(schema) })

/** The documented response for a call, or a failure naming what the description lacks. */
function documented(method: string, path: string, status: number) {
  const bare = path.split('?')[0]
  const template = Object.keys(spec.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
  )
  if (!template) throw new Error(`${method} ${bare} is not in docs/mobile-openapi.yaml`)
  const operation = spec.paths[template][method.toLowerCase()]
  if (!operation) throw new Error(`${method} ${template} is not in docs/mobile-openapi.yaml`)
  let response = operation.responses[String(status)]
  if (!response) throw new Error(`${method} ${template} answered ${status}, which the description does not list`)
  if (response.$ref) response = spec.components.responses[response.$ref.split('/').pop()]
  return response
}

let payload: Payload
let rest: (method: any, path: string, options?: any) => Promise<{ status: number; body: any; headers: Headers }>
let database: FreshDatabase | undefined
const testDatabaseUrl = process.env.DATABASE_URL

beforeAll(async () => {
  database = await createFreshDatabase('hp_openapi')
  process.env.DATABASE_URL = database.url
  const support = await import('../support/payload')
  rest = support.rest
  payload = await support.startPayload()
  await (await import('../../src/seed/demo')).seedDemo(payload)
}, 600_000)
afterAll(async () => {
  if (payload) await (await import('../support/payload')).closePayload(payload)
  process.env.DATABASE_URL = testDatabaseUrl
  await database?.drop()
})

/** Makes the call, checks its answer against the description, returns it. */
async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  expected: number,
  options: Record<string, unknown> = {},
) {
  const response = await rest(method, path, { language: 'ru', ...options })
  expect([path, response.status]).toEqual([path, expected])
  const content = documented(method, path, response.status).content ?? {}
  if (content['application/json']) {
    const validate = ajv.compile(local(content['application/json'].schema))
    if (!validate(response.body))
      throw new Error(`${method} ${path} → ${response.status}: ${ajv.errorsText(validate.errors)}`)
  } else {
    expect(Object.keys(content).some((type) => response.headers.get('content-type')?.startsWith(type))).toBe(true)
  }
  return response
}

describe('docs/mobile-openapi.yaml', () => {
  it('describes the answer of every documented call, in the order docs/mobile-api.md makes them', async () => {
    await call('POST', '/buyers/register-pump', 201, {
      body: {
        phone: '8 (912) 345-67-89',
        serial: 'HP-2026-00004',
        pumpPassword: 'pump-pass-1',
        simNumber: '8970 1012 3456 7890 1234',
        country: 'RU',
        region: 'RU-SVE',
        nickname: 'Дача',
        password: 'demo-owner-1',
      },
    })
    await call('POST', '/buyers/register-pump', 400, {
      body: { phone: '+79123456789', serial: 'HP-2026-00004', pumpPassword: 'wrong' },
    })
    await call('POST', '/buyers/request-code', 202, { body: { phone: '+79123456789' } })
    const login = await call('POST', '/buyers/login', 200, {
      body: { username: '+79123456789', password: 'demo-owner-1' },
    })
    const token = login.body.token as string
    await call('GET', '/buyers/me', 200, { token })
    await call('POST', '/buyers/change-password', 200, {
      token,
      body: { currentPassword: 'demo-owner-1', password: 'demo-owner-2' },
    })
    await call('POST', '/buyers/change-password', 400, {
      token,
      body: { currentPassword: 'nope', password: 'demo-owner-3' },
    })
    await call('POST', '/buyers/change-phone', 400, { token, body: { phone: '+79120000001', code: '000000' } })
    const pumps = await call('GET', '/pumps?depth=1', 200, { token })
    expect(pumps.body.docs.length).toBeGreaterThan(0)
    await call('GET', '/pumps/4', 200, { token })
    await call('GET', '/pumps/1', 404, { token })
    await call('PATCH', '/pumps/4', 200, { token, body: { nickname: 'Баня' } })
    await call('POST', '/buyers/feedback', 201, {
      token,
      body: { email: 'owner@example.com', message: 'Насос шумит ночью' },
    })
    const latest = await call('GET', '/pumps/5/telemetry/latest', 200, { token })
    expect(latest.body.latest.length).toBeGreaterThan(5)
    await call('GET', '/pumps/5/telemetry?keys=t_out,t_flow,power_w', 200, { token })
    await call(
      'GET',
      `/pumps/5/telemetry?from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}&keys=t_out`,
      200,
      { token },
    )
    await call('GET', '/pumps/5/telemetry?resolution=1s', 400, { token })
    await call('GET', '/pumps/1/telemetry/latest', 404, { token })
    await call('GET', '/pumps/5/telemetry/csv?keys=t_out,t_flow', 200, { token })
    const alarms = await call('GET', '/alarms/mine?active=true&locale=ru', 200, { token })
    expect(alarms.body.docs.length).toBeGreaterThan(0)
    await call('GET', '/alarms/mine?locale=en&limit=20&page=1', 200, { token })
    await call('GET', '/alarms/mine', 401)
    const device = { token: 'fcm-demo-token-0001', platform: 'android', language: 'ru' }
    await call('POST', '/buyers/me/devices', 201, { token, body: device })
    await call('POST', '/buyers/me/devices', 400, { token, body: { token: 'short' } })
    await call('DELETE', `/buyers/me/devices?token=${device.token}`, 200, { token })
    await call('DELETE', `/buyers/me/devices?token=${device.token}`, 404, { token })
    const preferences = '/buyers/me/alarm-preferences'
    await call('GET', preferences, 200, { token })
    await call('PATCH', preferences, 200, {
      token,
      body: { severities: ['critical', 'major'], quietFrom: '22:00', quietTo: '07:00' },
    })
    await call('PATCH', preferences, 400, { token, body: { quietFrom: '25:00' } })
    await call('PATCH', preferences, 200, { token, body: { quietFrom: null, quietTo: null } })
    const countries = await call('GET', '/countries?limit=0&locale=ru', 200)
    const russia = countries.body.docs.find((country: any) => country.code === 'RU')
    await call('GET', `/regions?where[country][equals]=${russia.id}&limit=0&locale=ru`, 200)
  }, 120_000)

  it('is served as JSON at /api/mobile/openapi.json, the same document', async () => {
    const response = await rest('GET', '/mobile/openapi.json')
    expect(response.status).toBe(200)
    expect(response.body).toEqual(spec)
    expect(response.body.openapi).toBe('3.1.0')
  })
})
