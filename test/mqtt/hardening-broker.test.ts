// What a hostile client once did to the broker and its HTTP auth (issue 9: findings 15, 17, 18): packet sizes,
// throttled guesses, the shared secret, bodies that are not JSON objects.
import net from 'node:net'

import { FAILURES_PER_ADDRESS, FAILURES_PER_USERNAME } from '../../plugins/mqtt-ingest/auth-endpoints'
import { settings } from '../../src/settings'
import { rest } from '../support/payload'
import { payload, broker, brokerUrl, useHardeningSuite } from './hardening-suite'
import { card, connect, embedded, eventually, publish, pump } from './modems'

useHardeningSuite()

const describeEmbedded = embedded ? describe : describe.skip

describeEmbedded('the embedded broker caps packet sizes (finding 15)', () => {
  it('closes a connection whose CONNECT declares 256 MB, keeps no buffer, and goes on serving', async () => {
    const rssBefore = process.memoryUsage().rss
    const attempts = [1, 2, 3, 4].map(
      () =>
        new Promise<{ closedAfterMs: number; written: number }>((resolve, reject) => {
          const started = Date.now()
          const socket = net.connect(broker!.port, '127.0.0.1')
          let written = 0
          const timer = setTimeout(() => {
            socket.destroy()
            reject(new Error(`the broker kept a 256 MB CONNECT open (${written} bytes taken)`))
          }, 3000)
          socket.on('error', () => {})
          socket.on('close', () => {
            clearTimeout(timer)
            resolve({ closedAfterMs: Date.now() - started, written })
          })
          socket.on('connect', () => {
            // CONNECT, remaining length 268,435,455 (the largest MQTT can declare), then junk in 1 MB pieces.
            socket.write(Buffer.from([0x10, 0xff, 0xff, 0xff, 0x7f]))
            const chunk = Buffer.alloc(1024 * 1024, 0x61)
            const more = () => {
              while (!socket.destroyed && written < 64 * 1024 * 1024) {
                written += chunk.length
                if (!socket.write(chunk)) return void socket.once('drain', more)
              }
            }
            more()
          })
        }),
    )
    const results = await Promise.all(attempts)
    for (const result of results) expect(result.closedAfterMs).toBeLessThan(3000)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024)
    // Still serving.
    const modem = await pump(payload)
    const client = await connect(brokerUrl, modem)
    await publish(client, `hp/${modem.serial}/status`, { online: true, fw: 'after-flood' })
    await eventually(async () => expect((await card(payload, modem.id)).firmwareVersion).toBe('after-flood'))
  })
})

describe('/api/mqtt/auth and /acl (findings 17, 18)', () => {
  const auth = (body: unknown, headers: Record<string, string> = {}) => rest('POST', '/mqtt/auth', { body, headers })
  const acl = (body: unknown, headers: Record<string, string> = {}) => rest('POST', '/mqtt/acl', { body, headers })

  it('a body that is not a JSON object answers 200 "deny", never 500', async () => {
    for (const body of [null, [], [{ username: 'x' }], 42, 'text', true, 0]) {
      for (const call of [auth, acl]) {
        const response = await call(body)
        expect({ body, status: response.status, answer: response.body }).toMatchObject({
          status: 200,
          answer: { result: 'deny', ok: false },
        })
      }
    }
  })

  it(`after ${FAILURES_PER_USERNAME} wrong passwords for a username, even the right one is refused for a while; others are not`, async () => {
    const target = await pump(payload)
    const bystander = await pump(payload)
    // Concurrent guesses, the right key last: counted before they are checked, so they cannot race past the limit.
    const guesses = Array.from({ length: 3 * FAILURES_PER_USERNAME }, (_, i) => ({
      username: target.serial,
      password: `guess-${i}`,
    }))
    const answers = await Promise.all(
      [...guesses, { username: target.serial, password: target.key }].map((body, i) =>
        auth(body, { 'x-forwarded-for': `10.9.${i}.1` }),
      ),
    )
    expect(answers.every((answer) => answer.body.result === 'deny')).toBe(true)
    expect(
      (await auth({ username: target.serial, password: target.key }, { 'x-forwarded-for': '10.9.200.1' })).body.result,
    ).toBe('deny')
    expect(
      (await auth({ username: bystander.serial, password: bystander.key }, { 'x-forwarded-for': '10.9.201.1' })).body
        .result,
    ).toBe('allow')
  })

  it(`after ${FAILURES_PER_ADDRESS} failures from one address, that address is refused; another is not`, async () => {
    const modem = await pump(payload)
    const from = { 'x-forwarded-for': '10.8.0.7' }
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++)
      await auth({ username: `NO-SUCH-${i}-${Date.now()}`, password: 'x' }, from)
    expect((await auth({ username: modem.serial, password: modem.key }, from)).body.result).toBe('deny')
    expect(
      (await auth({ username: modem.serial, password: modem.key }, { 'x-forwarded-for': '10.8.0.8' })).body.result,
    ).toBe('allow')
  })

  it('with MQTT_AUTH_SECRET set, only a caller sending it is answered', async () => {
    const modem = await pump(payload)
    const right = { username: modem.serial, password: modem.key }
    const rule = { username: modem.serial, topic: `hp/${modem.serial}/data`, action: 'publish' }
    settings.mqttAuthSecret = 'broker-shared-secret'
    try {
      expect((await auth(right)).body.result).toBe('deny')
      expect((await auth(right, { 'x-mqtt-auth-secret': 'wrong' })).body.result).toBe('deny')
      expect((await acl(rule)).body.result).toBe('deny')
      expect((await auth(right, { 'x-mqtt-auth-secret': 'broker-shared-secret' })).body.result).toBe('allow')
      expect((await acl(rule, { 'x-mqtt-auth-secret': 'broker-shared-secret' })).body.result).toBe('allow')
    } finally {
      settings.mqttAuthSecret = undefined
    }
  })
})
