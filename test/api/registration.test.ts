// Registration through REST: partners claim pumps in the portal, owners register them from the mobile app, with
// possession proven by the printed password and the phone proven by sign-in, password or SMS code.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'

import { settings } from '../../src/settings'
import { codeId, createWorld, unique, type World } from '../support/fixtures'
import { closePayload, login, receivedBodies, rest, startPayload } from '../support/payload'

let payload: Payload
let world: World

/** A stand-in SMS gateway: a real HTTP server the webhook sender posts to. */
const sms: { phone: string; text: string; authorization?: string }[] = []
let gateway: http.Server
let savedSms: Pick<typeof settings, 'smsSender' | 'smsWebhookUrl' | 'smsWebhookToken'>

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
  gateway = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      sms.push({ ...JSON.parse(body), authorization: request.headers.authorization })
      response.writeHead(200).end('{}')
    })
  })
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  savedSms = { smsSender: settings.smsSender, smsWebhookUrl: settings.smsWebhookUrl, smsWebhookToken: settings.smsWebhookToken }
  Object.assign(settings, {
    smsSender: 'webhook',
    smsWebhookUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
    smsWebhookToken: 'gateway-token',
  })
})
afterAll(async () => {
  Object.assign(settings, savedSms)
  await new Promise((resolve) => gateway.close(resolve))
  await closePayload(payload)
})

const PUMP_PASSWORD = 'label-pass-1'

/** A produced pump with a known printed password, claimed by nobody unless `extra` says so. */
async function freshPump(extra: Record<string, unknown> = {}) {
  return payload.create({
    collection: 'pumps',
    data: { serial: unique('REG').toUpperCase(), model: world.model.id, password: PUMP_PASSWORD, ...extra } as never,
  })
}

async function card(id: number) {
  return payload.findByID({ collection: 'pumps', id, depth: 0 })
}

async function eventsOf(pump: number, kind: 'partner' | 'owner') {
  return (
    await payload.find({
      collection: 'pumpEvents',
      where: { and: [{ pump: { equals: pump } }, { kind: { equals: kind } }] },
      sort: '-createdAt',
      depth: 0,
    })
  ).docs
}

async function attemptsFor(serial: string) {
  return (await payload.find({ collection: 'registrationAttempts', where: { serial: { equals: serial } }, sort: 'createdAt', limit: 0 }))
    .docs
}

function paths(body: any): string[] {
  return (body.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path).sort()
}

/** A partner user of its own, so throttling one does not throttle the others. */
async function partnerAccount(partner: number) {
  const email = `${unique('p')}@test.local`.toLowerCase()
  const user = await payload.create({ collection: 'users', data: { email, password: world.password, role: 'partner', partner } })
  return { user, token: await login('users', { email, password: world.password }) }
}

let phoneSeq = 0
/** A Russian mobile number nobody has used yet in this run. */
function newPhone(): { typed: string; e164: string } {
  const tail = String((Date.now() + phoneSeq++ * 7919) % 10_000_000).padStart(7, '0')
  return { typed: `8 (916) ${tail.slice(0, 3)}-${tail.slice(3, 5)}-${tail.slice(5)}`, e164: `+7916${tail}` }
}

describe('a partner claims a pump in the portal', () => {
  /** As partner A's user unless `as` names another caller (`{}` for an anonymous one). */
  const claim = (body: Record<string, unknown>, as: { token?: string; language?: 'en' | 'ru' } = { token: world.tokens.partner }) =>
    rest('POST', '/pumps/register', { token: as.token, body, language: as.language })

  it('serial, own partner ID and the printed password make the company responsible, recorded in the history', async () => {
    const pump = await freshPump()
    const response = await claim({ serial: ` ${pump.serial.toLowerCase()} `, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD })
    expect(response.status).toBe(200)
    expect(response.body.outcome).toBe('claimed')
    expect(response.body.doc).toMatchObject({ id: pump.id, responsiblePartner: world.partnerA.id })
    const list = await rest('GET', '/pumps?limit=0&depth=0', { token: world.tokens.partner })
    expect(list.body.docs.map((doc: any) => doc.id)).toContain(pump.id)
    const [event] = await eventsOf(pump.id, 'partner')
    expect(event).toMatchObject({ source: 'partner_claim', partner: world.partnerA.id, actor: 'user', user: world.users.partner.id })
    expect(event.assignedTo).toContain(world.partnerA.partnerId)
    expect((await attemptsFor(pump.serial)).map((a) => a.outcome)).toEqual(['claimed'])
  })

  it('claiming one’s own pump again changes nothing', async () => {
    const pump = await freshPump({ responsiblePartner: world.partnerA.id })
    const response = await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD })
    expect(response.status).toBe(200)
    expect(response.body.outcome).toBe('already_yours')
    expect(await eventsOf(pump.id, 'partner')).toHaveLength(0)
  })

  it('a pump another partner holds is refused (409) without saying who holds it', async () => {
    const pump = await freshPump({ responsiblePartner: world.partnerB.id })
    const response = await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD })
    expect(response.status).toBe(409)
    const text = JSON.stringify(response.body)
    expect(text).not.toContain(world.partnerB.name)
    expect(text).not.toContain(world.partnerB.partnerId)
    expect((await card(pump.id)).responsiblePartner).toBe(world.partnerB.id)
    expect((await attemptsFor(pump.serial)).map((a) => a.outcome)).toEqual(['claimed_by_other'])
  })

  it('a wrong serial and a wrong password get the very same answer', async () => {
    const pump = await freshPump()
    const wrongPassword = await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: 'not-it-at-all' })
    const wrongSerial = await claim({ serial: 'NO-SUCH-SERIAL-1', partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD })
    expect(wrongPassword.status).toBe(400)
    expect(wrongSerial.status).toBe(wrongPassword.status)
    expect(wrongSerial.body).toEqual(wrongPassword.body)
    expect((await claim({ serial: 'X', partnerId: world.partnerA.partnerId, password: 'y' }, { token: world.tokens.partner, language: 'ru' })).body.errors[0].message).toBe(
      'Неверный серийный номер или пароль насоса',
    )
    expect((await card(pump.id)).responsiblePartner).toBeNull()
  })

  it('names missing fields, a malformed or foreign partner ID', async () => {
    expect(paths((await claim({})).body)).toEqual(['partnerId', 'password', 'serial'])
    expect(paths((await claim({ serial: 'S', partnerId: 'ABC', password: 'x' })).body)).toEqual(['partnerId'])
    const foreign = await claim({ serial: 'S', partnerId: world.partnerB.partnerId, password: 'x' })
    expect(foreign.status).toBe(400)
    expect(paths(foreign.body)).toEqual(['partnerId'])
  })

  it('only partner users claim', async () => {
    const pump = await freshPump()
    for (const role of ['admin', 'service', 'owner', 'anonymous'] as const) {
      const response = await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD }, { token: world.tokens[role] })
      expect({ role, status: response.status }).toEqual({ role, status: 403 })
    }
    expect((await card(pump.id)).responsiblePartner).toBeNull()
  })

  it('five failures in 15 minutes throttle the account (429); the serial stays open to others', async () => {
    const guesser = await partnerAccount(world.partnerA.id)
    const pump = await freshPump()
    for (let i = 0; i < 5; i++) {
      const response = await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: `guess-${i}` }, { token: guesser.token })
      expect(response.status).toBe(400)
    }
    const right = await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD }, { token: guesser.token })
    expect(right.status).toBe(429)
    expect(right.body.errors[0].message).toMatch(/try again in 15 minutes/)
    // Another pump, same account: still throttled. The same serial, another account with the label: claimed
    // (a guesser does not lock the label's holder out).
    const other = await freshPump()
    expect((await claim({ serial: other.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD }, { token: guesser.token })).status).toBe(429)
    const colleague = await partnerAccount(world.partnerA.id)
    expect((await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD }, { token: colleague.token })).status).toBe(200)
    expect((await card(pump.id)).responsiblePartner).toBe(world.partnerA.id)
    const outcomes = (await attemptsFor(pump.serial)).map((a) => a.outcome)
    expect(outcomes).toEqual([...Array(5).fill('wrong_credentials'), 'throttled', 'claimed'])
  })

  it('40 concurrent wrong guesses from one account make at most 5 password checks (finding 11)', async () => {
    const guesser = await partnerAccount(world.partnerA.id)
    const pump = await freshPump()
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: `race-${i}` }, { token: guesser.token }),
      ),
    )
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 400)).toHaveLength(5)
    expect(statuses.filter((status) => status === 429)).toHaveLength(35)
    const outcomes = (await attemptsFor(pump.serial)).map((a) => a.outcome)
    expect(outcomes.filter((outcome) => outcome === 'wrong_credentials')).toHaveLength(5)
  })

  it('a 100,000-character serial is refused early, naming the input, and the attempt is recorded (truncated)', async () => {
    const serial = `LONG-${unique('x')}-`.toUpperCase() + 'X'.repeat(100_000)
    const en = await claim({ serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD })
    expect(en.status).toBe(400)
    expect(paths(en.body)).toEqual(['serial'])
    expect(JSON.stringify(en.body)).toContain('At most 64 characters')
    const ru = await claim({ serial, partnerId: 'P-1'.repeat(50), password: PUMP_PASSWORD }, { token: world.tokens.partner, language: 'ru' })
    expect(paths(ru.body)).toEqual(['partnerId', 'serial'])
    expect(JSON.stringify(ru.body)).toContain('Не длиннее 64 символов')
    const logged = await payload.find({ collection: 'registrationAttempts', where: { serial: { equals: serial.slice(0, 64) } }, limit: 10 })
    expect(logged.docs.map((doc) => doc.outcome)).toEqual(['invalid_input', 'invalid_input'])
  })

  it('the partner then fills in the installation: country, region and object type are required', async () => {
    const pump = await freshPump()
    await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD })
    const incomplete = await rest('PATCH', `/pumps/${pump.id}`, { token: world.tokens.partner, body: { note: 'Котельная' } })
    expect(incomplete.status).toBe(400)
    expect(paths(incomplete.body)).toEqual(['country', 'objectType', 'region'])
    const complete = await rest('PATCH', `/pumps/${pump.id}`, {
      token: world.tokens.partner,
      body: {
        country: await codeId(payload, 'countries', 'RU'),
        region: await codeId(payload, 'regions', 'RU-SVE'),
        objectType: await codeId(payload, 'objectTypes', 'private_house'),
        ownerInfo: 'Иванов И. И., +7 912 000-00-00',
        note: 'Котельная',
      },
    })
    expect(complete.status).toBe(200)
    expect(complete.body.doc.timezone).toBe('Asia/Yekaterinburg')
  })

  it('a service engineer reassigns the responsible partner in the card; the history says so', async () => {
    const pump = await freshPump({ responsiblePartner: world.partnerA.id })
    const response = await rest('PATCH', `/pumps/${pump.id}`, { token: world.tokens.service, body: { responsiblePartner: world.partnerB.id } })
    expect(response.status).toBe(200)
    const [event] = await eventsOf(pump.id, 'partner')
    expect(event).toMatchObject({ source: 'card', partner: world.partnerB.id, user: world.users.service.id })
    expect(event.assignedTo).toContain(world.partnerB.partnerId)
  })

  it('staff read the attempts log; partners and owners do not', async () => {
    expect((await rest('GET', '/registrationAttempts?limit=1', { token: world.tokens.service })).status).toBe(200)
    for (const role of ['partner', 'owner'] as const) {
      expect((await rest('GET', '/registrationAttempts?limit=1', { token: world.tokens[role] })).status).toBe(403)
    }
  })
})

describe('an owner registers a pump from the mobile app', () => {
  const register = (body: Record<string, unknown>, token?: string, from?: string) =>
    rest('POST', '/buyers/register-pump', { token, body, headers: from ? { 'x-forwarded-for': from } : undefined })
  const buyersWith = async (phone: string) =>
    (await payload.find({ collection: 'buyers', where: { phone: { equals: phone } }, limit: 0 })).docs

  it('an unknown phone gets exactly one buyer card, a token, and the owner’s view of the pump', async () => {
    const pump = await freshPump()
    const phone = newPhone()
    const response = await register({
      phone: phone.typed,
      serial: pump.serial,
      pumpPassword: PUMP_PASSWORD,
      simNumber: '8970 1012 3456 7890 1234',
      country: 'RU',
      region: 'ru-sve',
      nickname: 'Дача',
      password: 'owner-pass-1',
    })
    expect(response.status).toBe(201)
    expect(response.body.user.phone).toBe(phone.e164)
    expect(response.body.doc).toMatchObject({ id: pump.id, serial: pump.serial, nickname: 'Дача', timezone: 'Asia/Yekaterinburg' })
    for (const hidden of ['ownerInfo', 'note', 'responsiblePartner', 'owner', 'history', 'passwordHash']) {
      expect(response.body.doc).not.toHaveProperty(hidden)
    }
    const buyers = await buyersWith(phone.e164)
    expect(buyers).toHaveLength(1)
    const me = await rest('GET', '/buyers/me', { token: response.body.token })
    expect(me.body.user.id).toBe(buyers[0].id)
    const staffView = await card(pump.id)
    expect(staffView).toMatchObject({ owner: buyers[0].id, simNumber: '89701012345678901234' })
    const [event] = await eventsOf(pump.id, 'owner')
    expect(event).toMatchObject({ source: 'owner_app', actor: 'owner', owner: buyers[0].id })
  })

  it('the nickname is the owner’s alone: staff and partners never see it', async () => {
    const pump = await freshPump({ responsiblePartner: world.partnerA.id })
    const phone = newPhone()
    const response = await register({ phone: phone.e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, nickname: 'Баня', password: 'owner-pass-1' })
    expect(response.status).toBe(201)
    for (const role of ['admin', 'service', 'partner'] as const) {
      const view = await rest('GET', `/pumps/${pump.id}`, { token: world.tokens[role] })
      expect(view.status).toBe(200)
      expect(view.body).not.toHaveProperty('nickname')
      expect(JSON.stringify(view.body)).not.toContain('Баня')
    }
    const own = await rest('GET', `/pumps/${pump.id}`, { token: response.body.token })
    expect(own.body.nickname).toBe('Баня')
  })

  it('a known phone signed in as its owner links the existing card', async () => {
    const pump = await freshPump()
    // A password field sent along changes nothing: the signed-in owner keeps their token and password.
    const response = await register(
      { phone: world.ownerX.phone, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'not-their-password' },
      world.tokens.owner,
    )
    expect(response.status).toBe(201)
    expect(response.body.user.id).toBe(world.ownerX.id)
    expect(response.body.token).toBe(world.tokens.owner)
    expect(await buyersWith(world.ownerX.phone)).toHaveLength(1)
    expect((await card(pump.id)).owner).toBe(world.ownerX.id)
  })

  it('a known phone with its account password links the existing card', async () => {
    const pump = await freshPump()
    const response = await register({ phone: world.ownerY.phone, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: world.password })
    expect(response.status).toBe(201)
    expect(response.body.user.id).toBe(world.ownerY.id)
    expect((await rest('GET', '/buyers/me', { token: response.body.token })).body.user.id).toBe(world.ownerY.id)
  })

  it('a stranger who knows the phone and the pump password cannot take over the account', async () => {
    const victim = await payload.create({
      collection: 'buyers',
      data: { phone: newPhone().e164, username: '', password: 'victim-pass-1', name: 'Victim' },
    })
    const pump = await freshPump()
    const attempts = [
      register({ phone: victim.phone, serial: pump.serial, pumpPassword: PUMP_PASSWORD }),
      register({ phone: victim.phone, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'attacker-pass-1' }),
      register({ phone: victim.phone, serial: pump.serial, pumpPassword: PUMP_PASSWORD }, world.tokens.owner),
    ]
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403)
      expect(response.body.errors[0].message).toMatch(/already has an account/)
      expect(response.body).not.toHaveProperty('token')
    }
    expect((await card(pump.id)).owner).toBeNull()
    // The victim's password still works; the attacker's does not.
    expect((await rest('POST', '/buyers/login', { body: { username: victim.phone, password: 'attacker-pass-1' } })).status).not.toBe(200)
    await expect(login('buyers', { username: victim.phone, password: 'victim-pass-1' })).resolves.toBeTruthy()
    expect((await attemptsFor(pump.serial)).map((a) => a.outcome)).toEqual(['phone_not_proven', 'phone_not_proven', 'phone_not_proven'])
  })

  it('an SMS code proves the phone: the owner sets a new password, and the code works once', async () => {
    const owner = await payload.create({ collection: 'buyers', data: { phone: newPhone().e164, username: '' } })
    const requested = await rest('POST', '/buyers/request-code', { body: { phone: owner.phone }, language: 'ru' })
    expect(requested.status).toBe(202)
    expect(requested.body.expiresInSeconds).toBe(600)
    const message = [...sms].reverse().find((item) => item.phone === owner.phone)!
    expect(message.authorization).toBe('Bearer gateway-token')
    expect(message.text).toMatch(/^Код регистрации теплового насоса: \d{6}\./)
    const code = /(\d{6})/.exec(message.text)![1]
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')

    const pump = await freshPump()
    const refused = await register({ phone: owner.phone, serial: pump.serial, pumpPassword: PUMP_PASSWORD, code: wrong, password: 'new-pass-123' })
    expect(refused.status).toBe(403)
    const response = await register({ phone: owner.phone, serial: pump.serial, pumpPassword: PUMP_PASSWORD, code, password: 'new-pass-123' })
    expect(response.status).toBe(201)
    expect(response.body.user.id).toBe(owner.id)
    await expect(login('buyers', { username: owner.phone, password: 'new-pass-123' })).resolves.toBeTruthy()
    const again = await register({ phone: owner.phone, serial: (await freshPump()).serial, pumpPassword: PUMP_PASSWORD, code, password: 'other-pass-123' })
    expect(again.status).toBe(403)
  })

  it('codes are not sent twice a minute, and need a valid phone', async () => {
    const phone = newPhone().e164
    expect((await rest('POST', '/buyers/request-code', { body: { phone } })).status).toBe(202)
    const second = await rest('POST', '/buyers/request-code', { body: { phone } })
    expect(second.status).toBe(429)
    expect(second.body.errors[0].message).toMatch(/ask again in \d+ s/)
    const invalid = await rest('POST', '/buyers/request-code', { body: { phone: '12345' } })
    expect(invalid.status).toBe(400)
    expect(paths(invalid.body)).toEqual(['phone'])
  })

  it('a pump registered to another owner is refused (409) and nothing is written', async () => {
    const pump = await freshPump({ owner: world.ownerY.id })
    const phone = newPhone()
    const response = await register({ phone: phone.e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'owner-pass-1' })
    expect(response.status).toBe(409)
    expect(await buyersWith(phone.e164)).toHaveLength(0)
    expect((await card(pump.id)).owner).toBe(world.ownerY.id)
  })

  it('two registrations of one new phone at once make one buyer', async () => {
    const phone = newPhone()
    const [first, second] = await Promise.all([freshPump(), freshPump()])
    const responses = await Promise.all(
      [first, second].map((pump) =>
        register({ phone: phone.typed, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'same-pass-123' }),
      ),
    )
    expect(responses.map((response) => response.status)).toEqual([201, 201])
    const buyers = await buyersWith(phone.e164)
    expect(buyers).toHaveLength(1)
    expect((await card(first.id)).owner).toBe(buyers[0].id)
    expect((await card(second.id)).owner).toBe(buyers[0].id)
  })

  it('names every invalid field and writes nothing', async () => {
    const pump = await freshPump()
    const phone = newPhone()
    const response = await register({
      phone: 'call me',
      serial: pump.serial,
      simNumber: '8970101234567890123x',
      country: 'XX',
      region: 'RU-SVE',
      nickname: 'x'.repeat(61),
      password: 'short',
    })
    expect(response.status).toBe(400)
    expect(paths(response.body)).toEqual(['country', 'nickname', 'password', 'phone', 'pumpPassword', 'simNumber'])
    const mismatch = await register({ phone: phone.e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, country: 'KZ', region: 'RU-SVE', password: 'owner-pass-1' })
    expect(paths(mismatch.body)).toEqual(['region'])
    const noPassword = await register({ phone: phone.e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD })
    expect(paths(noPassword.body)).toEqual(['password'])
    expect(await buyersWith(phone.e164)).toHaveLength(0)
    expect((await card(pump.id)).owner).toBeNull()
  })

  it('wrong pump passwords throttle the guesser’s address, not the label’s holder (finding 10)', async () => {
    const pump = await freshPump()
    const guesser = `198.51.100.${(Date.now() % 200) + 1}`
    for (let i = 0; i < 5; i++) {
      const response = await register({ phone: newPhone().e164, serial: pump.serial, pumpPassword: `guess-${i}`, password: 'owner-pass-1' }, undefined, guesser)
      expect(response.status).toBe(400)
    }
    // New phones do not help the guesser: the address is throttled, even with the right password.
    const again = await register({ phone: newPhone().e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'owner-pass-1' }, undefined, guesser)
    expect(again.status).toBe(429)
    const holder = await register({ phone: newPhone().e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'owner-pass-1' }, undefined, '203.0.113.7')
    expect(holder.status).toBe(201)
    const logged = await attemptsFor(pump.serial)
    expect(logged.map((a) => [a.outcome, a.clientAddress])).toEqual([
      ...Array(5).fill(['wrong_credentials', guesser]),
      ['throttled', guesser],
      ['registered', '203.0.113.7'],
    ])
  })

  it('a serial is throttled for everyone only at the much higher per-serial limit', async () => {
    const saved = settings.registrationSerialFailures
    settings.registrationSerialFailures = 8
    try {
      const pump = await freshPump()
      for (let i = 0; i < 8; i++) {
        const response = await register({ phone: newPhone().e164, serial: pump.serial, pumpPassword: `guess-${i}`, password: 'owner-pass-1' }, undefined, `192.0.2.${100 + i}`)
        expect(response.status).toBe(400)
      }
      const right = await register({ phone: newPhone().e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'owner-pass-1' }, undefined, '192.0.2.200')
      expect(right.status).toBe(429)
    } finally {
      settings.registrationSerialFailures = saved
    }
  })

  it('SMS codes are limited per requester and by an hourly budget (finding 19)', async () => {
    const requestCode = (phone: string, from: string) =>
      rest('POST', '/buyers/request-code', { body: { phone }, headers: { 'x-forwarded-for': from } })
    const from = `198.18.0.${(Date.now() % 200) + 1}`
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await requestCode(newPhone().e164, from)).status)
    expect(statuses).toEqual([...Array(5).fill(202), ...Array(5).fill(429)])
    expect((await requestCode(newPhone().e164, '198.18.1.1')).status).toBe(202)
    const saved = settings.smsCodesPerHour
    const sent = (await payload.count({ collection: 'phoneCodes', where: { createdAt: { greater_than: new Date(Date.now() - 3600_000).toISOString() } } })).totalDocs
    settings.smsCodesPerHour = sent + 1
    try {
      expect((await requestCode(newPhone().e164, '198.18.2.1')).status).toBe(202)
      const over = await requestCode(newPhone().e164, '198.18.2.2')
      expect(over.status).toBe(429)
      expect(over.body.errors[0].message).toMatch(/No more SMS codes/)
    } finally {
      settings.smsCodesPerHour = saved
    }
  })
})

describe('the owner in the app', () => {
  it('lists only their pumps, and renames one; nothing else of the card', async () => {
    const list = await rest('GET', '/pumps?limit=0&depth=0', { token: world.tokens.owner })
    const owned = await payload.find({ collection: 'pumps', where: { owner: { equals: world.ownerX.id } }, limit: 0, depth: 0 })
    expect(list.body.docs.map((doc: any) => doc.id).sort()).toEqual(owned.docs.map((doc) => doc.id).sort())
    expect(list.body.docs.map((doc: any) => doc.id)).toContain(world.pumps.ofA.id)
    const renamed = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, { token: world.tokens.owner, body: { nickname: 'Дом' } })
    expect(renamed.status).toBe(200)
    expect(renamed.body.doc.nickname).toBe('Дом')
    const other = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, { token: world.tokens.owner, body: { nickname: 'Дом', note: 'mine' } })
    expect(other.status).toBe(400)
    expect(paths(other.body)).toEqual(['note'])
    expect((await rest('PATCH', `/pumps/${world.pumps.ofB.id}`, { token: world.tokens.owner, body: { nickname: 'Чужой' } })).status).toBe(403)
    expect((await card(world.pumps.ofA.id)).note ?? null).toBeNull()
  })

  it('sends feedback: stored for staff, the e-mail attached to the buyer card', async () => {
    const response = await rest('POST', '/buyers/feedback', {
      token: world.tokens.owner,
      body: { email: ' Owner.X@Example.com ', message: 'Насос шумит ночью' },
    })
    expect(response.status).toBe(201)
    expect((await payload.findByID({ collection: 'buyers', id: world.ownerX.id })).email).toBe('owner.x@example.com')
    const staff = await rest('GET', `/feedback/${response.body.doc.id}`, { token: world.tokens.service })
    expect(staff.body).toMatchObject({ email: 'owner.x@example.com', message: 'Насос шумит ночью', buyer: expect.anything() })
    expect((await rest('GET', `/feedback/${response.body.doc.id}`, { token: world.tokens.partner })).status).toBe(403)
  })

  it('feedback needs an owner, an e-mail of their own and a message', async () => {
    expect((await rest('POST', '/buyers/feedback', { body: { email: 'a@b.cd', message: 'hi' } })).status).toBe(403)
    const invalid = await rest('POST', '/buyers/feedback', { token: world.tokens.owner, body: { email: 'not-an-email' } })
    expect(paths(invalid.body)).toEqual(['email', 'message'])
    await payload.update({ collection: 'buyers', id: world.ownerY.id, data: { email: 'taken@example.com' } })
    const taken = await rest('POST', '/buyers/feedback', { token: world.tokens.owner, body: { email: 'taken@example.com', message: 'hi' } })
    expect(paths(taken.body)).toEqual(['email'])
  })
})

it('no response carried a password hash, a salt, a phone code or a pump password', () => {
  expect(receivedBodies.length).toBeGreaterThan(50)
  for (const body of receivedBodies) {
    expect(body).not.toMatch(/\$2[aby]\$\d\d\$/)
    expect(body).not.toMatch(/"(hash|salt|passwordHash|codeHash)"\s*:\s*"/)
    expect(body).not.toContain(PUMP_PASSWORD)
  }
})
