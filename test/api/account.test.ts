// An owner's credentials change only with proof (issue 9, finding 16): the phone (their login) with the SMS code sent
// to the new number, the password with the current one; a plain PATCH of either is refused naming the field.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'

import { settings } from '../../src/settings'
import { createWorld, type World } from '../support/fixtures'
import { closePayload, login, rest, startPayload } from '../support/payload'

let payload: Payload
let world: World
const sms: { phone: string; text: string }[] = []
let gateway: http.Server
let saved: Pick<typeof settings, 'smsSender' | 'smsWebhookUrl'>

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
  gateway = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      sms.push(JSON.parse(body))
      response.writeHead(200).end('{}')
    })
  })
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  saved = { smsSender: settings.smsSender, smsWebhookUrl: settings.smsWebhookUrl }
  Object.assign(settings, {
    smsSender: 'webhook',
    smsWebhookUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
  })
})
afterAll(async () => {
  Object.assign(settings, saved)
  await new Promise((resolve) => gateway.close(resolve))
  await closePayload(payload)
})

let seq = 0
function freshPhone(): string {
  return `+7918${String((Date.now() + seq++ * 7_919) % 10_000_000).padStart(7, '0')}`
}

async function owner() {
  const phone = freshPhone()
  const buyer = await payload.create({ collection: 'buyers', data: { phone, username: '', password: world.password } })
  return { buyer, phone, token: await login('buyers', { username: phone, password: world.password }) }
}

function paths(body: any): string[] {
  return (body.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path).sort()
}

describe('plain updates of an owner’s credentials', () => {
  it.each([
    ['phone', () => ({ phone: freshPhone() })],
    ['password', () => ({ password: 'new-password-9' })],
    ['username', () => ({ username: freshPhone() })],
  ])('an owner’s PATCH of %s is refused naming the field, and nothing changes', async (field, body) => {
    const me = await owner()
    const en = await rest('PATCH', `/buyers/${me.buyer.id}`, { token: me.token, body: body() })
    expect(en.status).toBe(400)
    expect(paths(en.body)).toContain(field)
    const ru = await rest('PATCH', `/buyers/${me.buyer.id}`, { token: me.token, body: body(), language: 'ru' })
    expect(JSON.stringify(ru.body)).toMatch(/меняется только/)
    const row = await payload.findByID({ collection: 'buyers', id: me.buyer.id })
    expect(row.phone).toBe(me.phone)
    expect(
      (await rest('POST', '/buyers/login', { body: { username: me.phone, password: world.password } })).status,
    ).toBe(200)
  })

  it('an owner still changes their name; staff still edit a buyer’s phone', async () => {
    const me = await owner()
    expect((await rest('PATCH', `/buyers/${me.buyer.id}`, { token: me.token, body: { name: 'Ivan' } })).status).toBe(
      200,
    )
    const phone = freshPhone()
    const staff = await rest('PATCH', `/buyers/${me.buyer.id}`, { token: world.tokens.service, body: { phone } })
    expect(staff.status).toBe(200)
    expect(staff.body.doc.phone).toBe(phone)
  })
})

describe('POST /api/buyers/change-password', () => {
  it('needs the current password; then the new one works and the old one does not', async () => {
    const me = await owner()
    const wrong = await rest('POST', '/buyers/change-password', {
      token: me.token,
      body: { currentPassword: 'not-it-123', password: 'brand-new-pass' },
    })
    expect(wrong.status).toBe(400)
    expect(paths(wrong.body)).toEqual(['currentPassword'])
    const short = await rest('POST', '/buyers/change-password', {
      token: me.token,
      body: { currentPassword: world.password, password: 'short' },
    })
    expect(paths(short.body)).toEqual(['password'])
    const ok = await rest('POST', '/buyers/change-password', {
      token: me.token,
      body: { currentPassword: world.password, password: 'brand-new-pass' },
    })
    expect(ok.status).toBe(200)
    // The token in use keeps working (the docs' examples go on with it).
    const still = await rest('GET', '/buyers/me', { token: me.token })
    expect((still.body as { user?: { id?: unknown } }).user?.id).toBe(me.buyer.id)
    expect(
      (await rest('POST', '/buyers/login', { body: { username: me.phone, password: world.password } })).status,
    ).toBe(401)
    expect(
      (await rest('POST', '/buyers/login', { body: { username: me.phone, password: 'brand-new-pass' } })).status,
    ).toBe(200)
  })

  it('is for a signed-in owner only', async () => {
    expect(
      (await rest('POST', '/buyers/change-password', { body: { currentPassword: 'x', password: 'brand-new-pass' } }))
        .status,
    ).toBe(403)
    expect(
      (
        await rest('POST', '/buyers/change-password', {
          token: world.tokens.admin,
          body: { currentPassword: 'x', password: 'y' },
        })
      ).status,
    ).toBe(403)
  })
})

describe('POST /api/buyers/change-phone', () => {
  it('the SMS code sent to the new number proves it; the login follows the phone', async () => {
    const me = await owner()
    const next = freshPhone()
    const noCode = await rest('POST', '/buyers/change-phone', {
      token: me.token,
      body: { phone: next, code: '000000' },
    })
    expect(noCode.status).toBe(400)
    expect(paths(noCode.body)).toEqual(['code'])
    expect((await rest('POST', '/buyers/request-code', { body: { phone: next } })).status).toBe(202)
    const code = /\b(\d{6})\b/.exec(sms.filter((message) => message.phone === next).at(-1)!.text)![1]
    const changed = await rest('POST', '/buyers/change-phone', { token: me.token, body: { phone: next, code } })
    expect(changed.status).toBe(200)
    expect(changed.body.doc.phone).toBe(next)
    expect((await rest('POST', '/buyers/login', { body: { username: next, password: world.password } })).status).toBe(
      200,
    )
    expect(
      (await rest('POST', '/buyers/login', { body: { username: me.phone, password: world.password } })).status,
    ).toBe(401)
    // The code is spent.
    const again = await owner()
    expect(
      (await rest('POST', '/buyers/change-phone', { token: again.token, body: { phone: freshPhone(), code } })).status,
    ).toBe(400)
  })

  it('is for a signed-in owner only', async () => {
    expect((await rest('POST', '/buyers/change-phone', { body: { phone: freshPhone(), code: '123456' } })).status).toBe(
      403,
    )
  })
})
