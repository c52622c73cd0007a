// Thousands of generated modem messages (random shapes, extreme numbers, odd encodings, every time field of every
// message kind) through the real broker, interleaved with valid reports from other pumps: ingestion keeps going,
// nothing reaches the database that it would refuse, and every valid report around the garbage lands.
import type { Payload } from 'payload'

import type { EmbeddedBroker } from '../../plugins/mqtt-ingest/broker'
import { Ingester } from '../../plugins/mqtt-ingest/ingester'
import { closePayload, startPayload } from '../support/payload'
import { card, closeModems, connect, eventually, ingestOptions, publish, pump, startBroker, type Modem } from './modems'

const SEED = 0x9e3779b9
const RANDOM_MESSAGES = 2500

/** mulberry32: small, seeded, the same sequence on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = prng(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
const int = (max: number) => Math.floor(random() * max)

const EXTREME_NUMBERS = [
  1e20,
  -1,
  0,
  1,
  -0.5,
  1.7e9,
  1e308,
  -1e308,
  8.64e15,
  8.64e15 + 1,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 1,
  4.9e-324,
]
const ODD_STRINGS = [
  '',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e20',
  'null',
  'true',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2026-13-45T99:99:99Z',
  '2026-11-28T10:00:00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  '😀',
  '\u202e',
  'x'.repeat(70),
]
/** Raw JSON text for what JSON.stringify would never write: NUL and lone surrogates as escapes, huge exponents. */
const RAW_VALUES = [
  '"\\u0000"',
  '"\\ud800"',
  '"\\udfff\\ud800"',
  '1e999',
  '-1e999',
  '1E+400',
  '0.0000000000000000000001e-400',
  '"\\uD83D"',
]
const KINDS = ['status', 'data', 'alarms'] as const

function oddValue(depth = 0): unknown {
  const roll = random()
  if (roll < 0.25) return pick(EXTREME_NUMBERS)
  if (roll < 0.45) return pick(ODD_STRINGS)
  if (roll < 0.55) return pick([true, false, null])
  if (roll < 0.65 && depth < 4) return Array.from({ length: int(5) }, () => oddValue(depth + 1))
  if (roll < 0.75 && depth < 4)
    return Object.fromEntries(
      Array.from({ length: int(4) }, () => [
        pick(['ts', 'online', 'active', 'code', 'since', 'x']),
        oddValue(depth + 1),
      ]),
    )
  return random() * 10 ** int(30) * (random() < 0.5 ? -1 : 1)
}

/** A message that looks like the contract with one or more fields replaced by something odd. */
function mutated(kind: (typeof KINDS)[number]): unknown {
  const base: Record<string, unknown> =
    kind === 'status'
      ? { online: true, conn: 'gsm', fw: '1.0' }
      : kind === 'data'
        ? { ts: Date.now(), t_out: 1 }
        : { active: [{ code: 'E1', text: 't', since: Date.now() }] }
  const fields = kind === 'alarms' ? ['active', 'ts', 'since', 'code', 'text'] : ['online', 'conn', 'fw', 'ts']
  for (let i = 0, n = 1 + int(2); i < n; i++) {
    const field = pick(fields)
    const first: unknown = Array.isArray(base.active) ? base.active[0] : undefined
    const alarm =
      typeof first === 'object' && first !== null && !Array.isArray(first)
        ? (first as Record<string, unknown>)
        : undefined
    if (alarm && (field === 'since' || field === 'code' || field === 'text')) alarm[field] = oddValue()
    else base[field] = oddValue()
  }
  return base
}

/** Raw payload bytes: the encodings and shapes a JSON library would not produce. */
function rawPayload(kind: (typeof KINDS)[number]): Buffer {
  const roll = random()
  const field =
    kind === 'alarms' ? '"active":[{"code":"E1","since":' : kind === 'status' ? '"online":true,"ts":' : '"ts":'
  const close = kind === 'alarms' ? '}]}' : '}'
  if (roll < 0.2) return Buffer.from(`{${field}${pick(RAW_VALUES)}${close}`)
  if (roll < 0.3) return Buffer.from(`{"online":true,"fw":${pick(RAW_VALUES)}}`)
  if (roll < 0.4) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"online":true}')]) // BOM
  if (roll < 0.5)
    return Buffer.from([
      0x7b,
      0x22,
      0x6f,
      0xff,
      0xfe,
      0x22,
      0x3a,
      0x31,
      0x7d,
      ...Array.from({ length: int(20) }, () => int(256)),
    ])
  if (roll < 0.6)
    return Buffer.from(
      `{"active":[${Array.from({ length: 90 + int(30) }, (_, i) => `{"code":"E${i}","since":${pick(EXTREME_NUMBERS)}}`).join(',')}]}`,
    )
  if (roll < 0.7) return Buffer.from(`${'['.repeat(3000)}${']'.repeat(3000)}`)
  if (roll < 0.75) return Buffer.from(`{"x":${'{"x":'.repeat(1000)}1${'}'.repeat(1000)}}`)
  if (roll < 0.85) return Buffer.from(JSON.stringify({ online: true, fw: 'y'.repeat(int(20_000)) }))
  if (roll < 0.9) return Buffer.from(`[${Array.from({ length: 4000 }, () => '1').join(',')}]`)
  return Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256)))
}

/** Every time field of every message kind, with every extreme value: the deterministic part. */
function timeFieldCases(): [string, Buffer][] {
  const cases: [string, Buffer][] = []
  const values = [...EXTREME_NUMBERS.map(String), ...ODD_STRINGS.map((text) => JSON.stringify(text)), ...RAW_VALUES]
  for (const value of values) {
    cases.push(['status', Buffer.from(`{"online":true,"ts":${value}}`)])
    cases.push(['data', Buffer.from(`{"t_out":1,"ts":${value}}`)])
    cases.push(['alarms', Buffer.from(`{"active":[],"ts":${value}}`)])
    cases.push(['alarms', Buffer.from(`{"active":[{"code":"E9","since":${value}}]}`)])
  }
  return cases
}

let payload: Payload
let broker: EmbeddedBroker | undefined
let brokerUrl: string
let ingester: Ingester

beforeAll(async () => {
  payload = await startPayload()
  ;({ url: brokerUrl, broker } = await startBroker(payload))
  ingester = new Ingester(payload, ingestOptions(payload, brokerUrl))
  await ingester.start()
  await ingester.ready()
}, 300_000)

afterAll(async () => {
  await closeModems(brokerUrl)
  await ingester.stop()
  await broker?.close()
  await closePayload(payload)
})

it(`${RANDOM_MESSAGES} generated bad messages amid valid ones: ingestion goes on and the valid ones land`, async () => {
  const fuzzers = await Promise.all([1, 2, 3, 4].map(() => pump(payload, 'in_operation', 'FZ')))
  const good = await Promise.all([1, 2, 3, 4, 5, 6].map(() => pump(payload, 'in_operation', 'OK')))
  const fuzzClients = await Promise.all(fuzzers.map((modem) => connect(brokerUrl, modem)))
  const goodClients = await Promise.all(good.map((modem) => connect(brokerUrl, modem)))
  const before = { ...ingester.counts, rejected: { ...ingester.counts.rejected } }
  const last = new Map<number, { fw: string; alarm: string }>()
  let published = 0
  let valid = 0

  const sendGood = async (index: number, seq: number) => {
    const modem: Modem = good[index]
    const fw = `g-${seq}`
    const alarm = `A${seq}`
    await publish(goodClients[index], `hp/${modem.serial}/status`, { online: true, conn: 'wifi', fw })
    await publish(goodClients[index], `hp/${modem.serial}/alarms`, {
      active: [{ code: alarm, text: 'ok', since: Date.now() - 1000 }],
    })
    last.set(modem.id, { fw, alarm })
    valid += 2
  }
  const cases = timeFieldCases()
  for (let i = 0; i < RANDOM_MESSAGES; i++) {
    const kind = pick(KINDS)
    cases.push([kind, random() < 0.5 ? Buffer.from(JSON.stringify(mutated(kind))) : rawPayload(kind)])
  }
  for (let start = 0; start < cases.length; start += 50) {
    const chunk = cases.slice(start, start + 50)
    await Promise.all(
      chunk.map(([kind, body], i) => {
        const which = (start + i) % fuzzers.length
        published += body.length ? 1 : 0
        return publish(fuzzClients[which], `hp/${fuzzers[which].serial}/${kind}`, body, { qos: 1 })
      }),
    )
    await sendGood((start / 50) % good.length, start)
  }
  for (let i = 0; i < good.length; i++) await sendGood(i, cases.length + i)

  await eventually(() => expect(ingester.counts.received - before.received).toBe(published + valid), 20_000)
  await eventually(async () => {
    for (const modem of good) {
      const expected = last.get(modem.id)!
      expect(await card(payload, modem.id)).toMatchObject({
        online: true,
        firmwareVersion: expected.fw,
        activeAlarms: [{ code: expected.alarm }],
      })
    }
  }, 20_000)
  // Progress, never a stuck or failed write, and nothing PostgreSQL would refuse got past the parser.
  expect(ingester.counts.flushes).toBeGreaterThan(before.flushes + 10)
  expect(ingester.counts.flushFailures).toBe(before.flushFailures)
  expect(ingester.counts.dropped).toBe(before.dropped)
  const refused =
    Object.values(ingester.counts.rejected).reduce((a, b) => a + b, 0) -
    Object.values(before.rejected).reduce((a, b) => a + b, 0)
  expect(refused).toBeGreaterThan(cases.length / 2)
  expect(ingester.health()).toMatchObject({ state: 'up', pending: 0, lastError: null })
  // The fuzzing pumps' cards hold only what passed the contract: every stored time is a real time.
  for (const modem of fuzzers) {
    const stored = await card(payload, modem.id)
    for (const time of [stored.lastConnectedAt, stored.lastDisconnectedAt, stored.lastDataAt]) {
      if (time) expect(Date.parse(time)).toBeGreaterThan(Date.UTC(2000, 0, 1))
    }
  }
}, 120_000)
