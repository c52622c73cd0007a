// Shared by the registration test files: a stand-in SMS gateway, fresh pumps with a known printed password, their
// card, history and attempts log, partner accounts and new phone numbers, and the closing check for secrets.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { settings } from '../../src/settings'
import { unique } from '../support/fixtures'
import { login, receivedBodies, rest } from '../support/payload'
import { payload, world } from '../support/world-suite'

/** The SMS the stand-in gateway received. */
export const sms: { phone: string; text: string; authorization?: string }[] = []

/** A stand-in SMS gateway for the file's tests: a real HTTP server the webhook sender posts to. */
export function useSmsGateway(): void {
  let gateway: http.Server
  let savedSms: Pick<typeof settings, 'smsSender' | 'smsWebhookUrl' | 'smsWebhookToken'>
  beforeAll(async () => {
    gateway = http.createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => {
        sms.push({ ...JSON.parse(body), authorization: request.headers.authorization })
        response.writeHead(200).end('{}')
      })
    })
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
    savedSms = {
      smsSender: settings.smsSender,
      smsWebhookUrl: settings.smsWebhookUrl,
      smsWebhookToken: settings.smsWebhookToken,
    }
    Object.assign(settings, {
      smsSender: 'webhook',
      smsWebhookUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
      smsWebhookToken: 'gateway-token',
    })
  })
  afterAll(async () => {
    Object.assign(settings, savedSms)
    await new Promise((resolve) => gateway.close(resolve))
  })
}

export const PUMP_PASSWORD = 'label-pass-1'

/** A produced pump with a known printed password, claimed by nobody unless `extra` says so. */
export async function freshPump(extra: Record<string, unknown> = {}) {
  return payload.create({
    collection: 'pumps',
    data: { serial: unique('REG').toUpperCase(), model: world.model.id, password: PUMP_PASSWORD, ...extra } as never,
  })
}

export async function card(id: number) {
  return payload.findByID({ collection: 'pumps', id, depth: 0 })
}

export async function eventsOf(pump: number, kind: 'partner' | 'owner') {
  return (
    await payload.find({
      collection: 'pumpEvents',
      where: { and: [{ pump: { equals: pump } }, { kind: { equals: kind } }] },
      sort: '-createdAt',
      depth: 0,
    })
  ).docs
}

export async function attemptsFor(serial: string) {
  return (
    await payload.find({
      collection: 'registrationAttempts',
      where: { serial: { equals: serial } },
      sort: 'createdAt',
      limit: 0,
    })
  ).docs
}

/** The field paths a 400 names, sorted. */
export function paths(body: { errors?: { data?: { errors?: { path: string }[] } }[] }): string[] {
  return (body.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path).sort()
}

/** A partner user of its own, so throttling one does not throttle the others. */
export async function partnerAccount(partner: number) {
  const email = `${unique('p')}@test.local`.toLowerCase()
  const user = await payload.create({
    collection: 'users',
    data: { email, password: world.password, role: 'partner', partner },
  })
  return { user, token: await login('users', { email, password: world.password }) }
}

let phoneSeq = 0
/** A Russian mobile number nobody has used yet in this run. */
export function newPhone(): { typed: string; e164: string } {
  const tail = String((Date.now() + phoneSeq++ * 7919) % 10_000_000).padStart(7, '0')
  return { typed: `8 (916) ${tail.slice(0, 3)}-${tail.slice(3, 5)}-${tail.slice(5)}`, e164: `+7916${tail}` }
}

/** The owner app's registration call, from the address `from` when given. */
export const register = (body: Record<string, unknown>, token?: string, from?: string) =>
  rest('POST', '/buyers/register-pump', { token, body, headers: from ? { 'x-forwarded-for': from } : undefined })
export const buyersWith = async (phone: string) =>
  (await payload.find({ collection: 'buyers', where: { phone: { equals: phone } }, limit: 0 })).docs

/** The last case of each registration file: what the file received (receivedBodies is per test file). */
export function expectNoSecrets(minimumBodies: number): void {
  expect(receivedBodies.length).toBeGreaterThan(minimumBodies)
  for (const body of receivedBodies) {
    expect(body).not.toMatch(/\$2[aby]\$\d\d\$/)
    expect(body).not.toMatch(/"(hash|salt|passwordHash|codeHash)"\s*:\s*"/)
    expect(body).not.toContain(PUMP_PASSWORD)
  }
}
