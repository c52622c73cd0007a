import http from 'node:http'
import type { AddressInfo } from 'node:net'

import {
  generatePhoneCode,
  isEmail,
  isThrottled,
  mayRequestCode,
  normalizeSerial,
  PHONE_CODE,
} from '../../src/domain/registration'
import { webhookSmsSender } from '../../src/services/sms'

describe('registration rules', () => {
  it('throttles a guesser from its fifth failure, a serial only from its thirtieth', () => {
    const limits = { guesserFailures: 5, serialFailures: 30, windowMs: 15 * 60_000 }
    expect(isThrottled({ guesser: 4, serial: 29 }, limits)).toBe(false)
    expect(isThrottled({ guesser: 5, serial: 0 }, limits)).toBe(true)
    expect(isThrottled({ guesser: 0, serial: 30 }, limits)).toBe(true)
  })

  it('reads serials as printed: trimmed, upper case', () => {
    expect(normalizeSerial('  hp-2026-00001 ')).toBe('HP-2026-00001')
  })

  it('makes six-digit codes, zero-padded', () => {
    expect(generatePhoneCode(() => 42)).toBe('000042')
    expect(generatePhoneCode((max) => max - 1)).toBe('999999')
    expect(PHONE_CODE.digits).toBe(6)
  })

  it('sends a code at most once a minute and five times an hour', () => {
    const now = new Date('2026-11-28T12:00:00Z')
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000)
    expect(mayRequestCode([], now)).toEqual({ ok: true })
    expect(mayRequestCode([ago(20)], now)).toEqual({ ok: false, retryAfterSeconds: 40 })
    expect(mayRequestCode([ago(61)], now)).toEqual({ ok: true })
    expect(mayRequestCode([ago(3000), ago(2400), ago(1800), ago(1200), ago(600)], now)).toEqual({
      ok: false,
      retryAfterSeconds: 600,
    })
    expect(mayRequestCode([ago(4000), ago(2400), ago(1800), ago(1200), ago(600)], now)).toEqual({ ok: true })
  })

  it('tells an e-mail address from other text', () => {
    expect(isEmail('owner@example.com')).toBe(true)
    expect(isEmail('owner@example')).toBe(false)
    expect(isEmail('two words@example.com')).toBe(false)
  })
})

describe('the webhook SMS sender', () => {
  it('posts the phone and text as JSON with the bearer token, and fails on a gateway error', async () => {
    const received: { body: string; authorization?: string }[] = []
    let status = 200
    const server = http.createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => {
        received.push({ body, authorization: request.headers.authorization })
        response.writeHead(status).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`
      await webhookSmsSender(url, 'secret-token').send('+79123456789', 'Код: 123456')
      expect(received).toEqual([
        { body: '{"phone":"+79123456789","text":"Код: 123456"}', authorization: 'Bearer secret-token' },
      ])
      status = 503
      await expect(webhookSmsSender(url).send('+79123456789', 'x')).rejects.toThrow('the SMS gateway answered 503')
      expect(received[1].authorization).toBeUndefined()
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
