// GET /api/pumps/:id/telemetry, /latest and /csv: who reads what (404 for anyone else's pump, also by GraphQL),
// the model's names and units, out-of-range marked, bounded answers with the server's choice of rollup, and 400s
// that say what is wrong in the reader's language.
import type { Payload } from 'payload'

import { createWorld, type World } from '../support/fixtures'
import { closePayload, gql, rest, startPayload } from '../support/payload'
import { maintain, store } from './telemetry-support'

let payload: Payload
let world: World

const START = Date.UTC(2026, 10, 20, 0, 0, 0)
const MINUTE = 60_000
const DAYS = 3

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
  await payload.update({
    collection: 'models',
    id: world.model.id,
    data: {
      telemetry: [
        {
          key: 't_out',
          kind: 'number',
          unit: '°C',
          decimals: 1,
          min: -40,
          max: 45,
          name: { ru: 'Наружная температура', en: 'Outdoor temperature' },
        },
        {
          key: 'power_w',
          kind: 'number',
          unit: 'W',
          decimals: 0,
          min: 0,
          max: 9000,
          name: { ru: 'Мощность', en: 'Electrical power' },
        },
        {
          key: 'mode',
          kind: 'enum',
          name: { ru: 'Режим', en: 'Mode' },
          values: [{ value: 1, label: { ru: 'Отопление', en: 'Heating' } }],
        },
      ],
    },
  })
  // Three days at one reading a minute; the last one has an implausible power and a key the model does not describe.
  const readings = Array.from({ length: DAYS * 1440 }, (_, i) => ({
    at: new Date(START + i * MINUTE),
    values: { t_out: -5 + (i % 60) / 10, power_w: 1000 + (i % 1440), mode: 1 },
  }))
  for (let i = 0; i < readings.length; i += 1000) await store(payload, world.pumps.ofA.id, readings.slice(i, i + 1000))
  await store(payload, world.pumps.ofA.id, [
    { at: new Date(START + DAYS * 1440 * MINUTE), values: { power_w: 12000, x_raw: 7 } },
  ])
  await store(payload, world.pumps.ofB.id, [{ at: new Date(START), values: { t_out: 3 } }])
  const db = payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } }
  const { sql } = await import('@payloadcms/db-postgres')
  await db.drizzle.execute(
    sql`update pumps set telemetry_latest = ${JSON.stringify({
      power_w: { v: 12000, at: new Date(START + DAYS * 1440 * MINUTE).toISOString() },
      t_out: { v: 0.9, at: new Date(START + DAYS * 1440 * MINUTE - MINUTE).toISOString() },
      x_raw: { v: 7, at: new Date(START + DAYS * 1440 * MINUTE).toISOString() },
    })}::jsonb where id = ${world.pumps.ofA.id}`,
  )
  await maintain(payload, new Date())
}, 300_000)
afterAll(async () => {
  await closePayload(payload)
})

const range = (fromMs: number, toMs: number) =>
  `from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`
const day = range(START, START + 1440 * MINUTE)

describe('who reads a pump’s telemetry', () => {
  it.each([
    ['admin', 'ofA', 200],
    ['service', 'ofA', 200],
    ['partner', 'ofA', 200],
    ['owner', 'ofA', 200],
    ['partner', 'ofB', 404],
    ['owner', 'ofB', 404],
    ['anonymous', 'ofA', 404],
    ['partner', 'unclaimed', 404],
  ] as const)('%s reading %s: %d, for the series, the latest values and the CSV', async (role, which, status) => {
    const id = world.pumps[which].id
    const token = world.tokens[role]
    expect((await rest('GET', `/pumps/${id}/telemetry?${day}`, { token })).status).toBe(status)
    expect((await rest('GET', `/pumps/${id}/telemetry/latest`, { token })).status).toBe(status)
    expect((await rest('GET', `/pumps/${id}/telemetry/csv?${day}`, { token })).status).toBe(status)
  })

  it('by GraphQL, a partner sees the latest values of its own pumps only', async () => {
    const response = await gql('{ Pumps(limit: 50) { docs { id telemetryLatest } } }', { token: world.tokens.partner })
    const docs = response.body.data.Pumps.docs as { id: number; telemetryLatest: unknown }[]
    expect(docs.map((doc) => doc.id)).toEqual([world.pumps.ofA.id])
    expect(docs[0].telemetryLatest).toMatchObject({ power_w: { v: 12000 } })
  })

  it('no one writes the latest values through the API', async () => {
    const response = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, {
      token: world.tokens.admin,
      body: { telemetryLatest: { t_out: { v: 1, at: new Date().toISOString() } } },
    })
    const after = await rest('GET', `/pumps/${world.pumps.ofA.id}/telemetry/latest`, { token: world.tokens.admin })
    expect(response.status === 200 || response.status === 403 || response.status === 400).toBe(true)
    expect(after.body.latest.find((entry: any) => entry.key === 't_out').value).toBe(0.9)
  })
})

describe('what the reads answer', () => {
  it('latest: the model’s keys in its order with names and units, implausible values marked, unknown keys raw', async () => {
    const response = await rest('GET', `/pumps/${world.pumps.ofA.id}/telemetry/latest`, { token: world.tokens.owner })
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.body.latest.map((entry: any) => [entry.key, entry.outOfRange])).toEqual([
      ['t_out', false],
      ['power_w', true],
      ['x_raw', false],
    ])
    expect(response.body.latest[1].schema).toMatchObject({
      unit: 'W',
      name: { ru: 'Мощность', en: 'Electrical power' },
    })
    expect(response.body.latest[2].schema).toBeNull()
  })

  it('24 hours: raw points, the chosen keys, aligned on one time axis', async () => {
    const response = await rest('GET', `/pumps/${world.pumps.ofA.id}/telemetry?${day}&keys=t_out,power_w`, {
      token: world.tokens.partner,
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ resolution: 'raw', pump: world.pumps.ofA.id })
    expect(response.body.t).toHaveLength(1440)
    expect(Object.keys(response.body.values)).toEqual(['t_out', 'power_w'])
    expect(response.body.values.power_w[10]).toBe(1010)
    expect(response.body.values.t_out[15]).toBeCloseTo(-3.5, 4)
  })

  it('a week: the 5-minute rollup with its min–max band; 30 days: hourly; a year: daily; all bounded', async () => {
    const week = await rest(
      'GET',
      `/pumps/${world.pumps.ofA.id}/telemetry?${range(START, START + 7 * 86_400_000)}&keys=power_w`,
      { token: world.tokens.service },
    )
    expect(week.body.resolution).toBe('5m')
    expect(week.body.t).toHaveLength(DAYS * 288 + 1)
    expect(week.body.min.power_w[0]).toBe(1000)
    expect(week.body.max.power_w[0]).toBe(1004)
    expect(week.body.values.power_w[0]).toBe(1002)
    const month = await rest(
      'GET',
      `/pumps/${world.pumps.ofA.id}/telemetry?${range(START, START + 30 * 86_400_000)}&keys=power_w`,
      { token: world.tokens.service },
    )
    expect(month.body.resolution).toBe('1h')
    expect(month.body.t).toHaveLength(DAYS * 24 + 1)
    expect(month.body.values.power_w[0]).toBeCloseTo(1029.5, 4)
    const year = await rest(
      'GET',
      `/pumps/${world.pumps.ofA.id}/telemetry?${range(START - 300 * 86_400_000, START + 60 * 86_400_000)}`,
      { token: world.tokens.service },
    )
    expect(year.body.resolution).toBe('1d')
    expect(year.body.t).toHaveLength(DAYS + 1)
    // A day's average of power_w = 1000 + minute of the day: 1000 + 1439 / 2.
    expect(year.body.values.power_w[0]).toBeCloseTo(1719.5, 4)
    expect(year.body.min.power_w[0]).toBe(1000)
    expect(year.body.max.power_w[0]).toBe(2439)
    // Raw asked for: given when the rows fit the bound, refused (not truncated) for a range longer than 8 days.
    const fits = await rest(
      'GET',
      `/pumps/${world.pumps.ofA.id}/telemetry?${range(START, START + 8 * 86_400_000)}&resolution=raw&keys=mode`,
      { token: world.tokens.service },
    )
    expect(fits.body.t).toHaveLength(DAYS * 1440)
    const raw = await rest(
      'GET',
      `/pumps/${world.pumps.ofA.id}/telemetry?${range(START, START + 9 * 86_400_000)}&resolution=raw`,
      { token: world.tokens.service },
    )
    expect(raw.status).toBe(400)
  })

  it.each([
    ['a bad time', 'from=yesterday', /^from and to must be/, /^from и to/],
    ['from after to', range(START + MINUTE, START), /^from must be before to/, /^from должно быть раньше to/],
    ['a bad key', `${day}&keys=t_out,drop table`, /^keys must be up to 16/, /^keys — до 16/],
    ['a bad resolution', `${day}&resolution=1s`, /^resolution must be/, /^resolution — auto/],
    [
      'hourly asked for over 500 days',
      `${range(START - 500 * 86_400_000, START)}&resolution=1h`,
      /^the range is too long/,
      /^слишком длинный период/,
    ],
    [
      'more than 10,000 days',
      range(START, START + 10_001 * 86_400_000),
      /^the range is too long/,
      /^слишком длинный период/,
    ],
  ])('refuses %s with a 400 in the reader’s language', async (_, queryText, en, ru) => {
    const path = `/pumps/${world.pumps.ofA.id}/telemetry?${queryText}`
    const english = await rest('GET', path, { token: world.tokens.admin })
    expect(english.status).toBe(400)
    expect(english.body.errors[0].message).toMatch(en)
    const russian = await rest('GET', path, { token: world.tokens.admin, language: 'ru' })
    expect(russian.body.errors[0].message).toMatch(ru)
  })

  it('CSV: a header of keys and one line per stored message, across the page size', async () => {
    const response = await rest(
      'GET',
      `/pumps/${world.pumps.ofA.id}/telemetry/csv?${range(START, START + 86_400_000 * 4)}`,
      { token: world.tokens.owner },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (response.body as string).trim().split('\n')
    expect(lines[0]).toBe('time,mode,power_w,t_out,x_raw')
    expect(lines).toHaveLength(1 + DAYS * 1440 + 1)
    expect(lines[1]).toBe('2026-11-20T00:00:00.000Z,1,1000,-5,')
    expect(lines.at(-1)).toBe('2026-11-23T00:00:00.000Z,,12000,,7')
    expect(new Set(lines.slice(1).map((line) => line.slice(0, 24))).size).toBe(DAYS * 1440 + 1)
  })
})
