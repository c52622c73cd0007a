// A partner claims a pump in the portal (POST /pumps/register): possession proven by the printed password, the
// company's own partner ID, throttling of guessers; then the installation fields, reassignment and the attempts log.
import { codeId, unique } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import {
  attemptsFor,
  card,
  eventsOf,
  expectNoSecrets,
  freshPump,
  partnerAccount,
  paths,
  PUMP_PASSWORD,
} from './registration-support'

useWorld()

describe('a partner claims a pump in the portal', () => {
  /** As partner A's user unless `as` names another caller (`{}` for an anonymous one). */
  const claim = (
    body: Record<string, unknown>,
    as: { token?: string; language?: 'en' | 'ru' } = { token: world.tokens.partner },
  ) => rest('POST', '/pumps/register', { token: as.token, body, language: as.language })

  it('serial, own partner ID and the printed password make the company responsible, recorded in the history', async () => {
    const pump = await freshPump()
    const response = await claim({
      serial: ` ${pump.serial.toLowerCase()} `,
      partnerId: world.partnerA.partnerId,
      password: PUMP_PASSWORD,
    })
    expect(response.status).toBe(200)
    expect(response.body.outcome).toBe('claimed')
    expect(response.body.doc).toMatchObject({ id: pump.id, responsiblePartner: world.partnerA.id })
    const list = await rest('GET', '/pumps?limit=0&depth=0', { token: world.tokens.partner })
    expect(list.body.docs.map((doc: { id: number }) => doc.id)).toContain(pump.id)
    const [event] = await eventsOf(pump.id, 'partner')
    expect(event).toMatchObject({
      source: 'partner_claim',
      partner: world.partnerA.id,
      actor: 'user',
      user: world.users.partner.id,
    })
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
    const wrongPassword = await claim({
      serial: pump.serial,
      partnerId: world.partnerA.partnerId,
      password: 'not-it-at-all',
    })
    const wrongSerial = await claim({
      serial: 'NO-SUCH-SERIAL-1',
      partnerId: world.partnerA.partnerId,
      password: PUMP_PASSWORD,
    })
    expect(wrongPassword.status).toBe(400)
    expect(wrongSerial.status).toBe(wrongPassword.status)
    expect(wrongSerial.body).toEqual(wrongPassword.body)
    expect(
      (
        await claim(
          { serial: 'X', partnerId: world.partnerA.partnerId, password: 'y' },
          { token: world.tokens.partner, language: 'ru' },
        )
      ).body.errors[0].message,
    ).toBe('Неверный серийный номер или пароль насоса')
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
      const response = await claim(
        { serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD },
        { token: world.tokens[role] },
      )
      expect({ role, status: response.status }).toEqual({ role, status: 403 })
    }
    expect((await card(pump.id)).responsiblePartner).toBeNull()
  })

  it('five failures in 15 minutes throttle the account (429); the serial stays open to others', async () => {
    const guesser = await partnerAccount(world.partnerA.id)
    const pump = await freshPump()
    for (let i = 0; i < 5; i++) {
      const response = await claim(
        { serial: pump.serial, partnerId: world.partnerA.partnerId, password: `guess-${i}` },
        { token: guesser.token },
      )
      expect(response.status).toBe(400)
    }
    const right = await claim(
      { serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD },
      { token: guesser.token },
    )
    expect(right.status).toBe(429)
    expect(right.body.errors[0].message).toMatch(/try again in 15 minutes/)
    // Another pump, same account: still throttled. The same serial, another account with the label: claimed
    // (a guesser does not lock the label's holder out).
    const other = await freshPump()
    expect(
      (
        await claim(
          { serial: other.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD },
          { token: guesser.token },
        )
      ).status,
    ).toBe(429)
    const colleague = await partnerAccount(world.partnerA.id)
    expect(
      (
        await claim(
          { serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD },
          { token: colleague.token },
        )
      ).status,
    ).toBe(200)
    expect((await card(pump.id)).responsiblePartner).toBe(world.partnerA.id)
    const outcomes = (await attemptsFor(pump.serial)).map((a) => a.outcome)
    expect(outcomes).toEqual([...Array(5).fill('wrong_credentials'), 'throttled', 'claimed'])
  })

  it('40 concurrent wrong guesses from one account make at most 5 password checks (finding 11)', async () => {
    const guesser = await partnerAccount(world.partnerA.id)
    const pump = await freshPump()
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        claim(
          { serial: pump.serial, partnerId: world.partnerA.partnerId, password: `race-${i}` },
          { token: guesser.token },
        ),
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
    const ru = await claim(
      { serial, partnerId: 'P-1'.repeat(50), password: PUMP_PASSWORD },
      { token: world.tokens.partner, language: 'ru' },
    )
    expect(paths(ru.body)).toEqual(['partnerId', 'serial'])
    expect(JSON.stringify(ru.body)).toContain('Не длиннее 64 символов')
    const logged = await payload.find({
      collection: 'registrationAttempts',
      where: { serial: { equals: serial.slice(0, 64) } },
      limit: 10,
    })
    expect(logged.docs.map((doc) => doc.outcome)).toEqual(['invalid_input', 'invalid_input'])
  })

  it('the partner then fills in the installation: country, region and object type are required', async () => {
    const pump = await freshPump()
    await claim({ serial: pump.serial, partnerId: world.partnerA.partnerId, password: PUMP_PASSWORD })
    const incomplete = await rest('PATCH', `/pumps/${pump.id}`, {
      token: world.tokens.partner,
      body: { note: 'Котельная' },
    })
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
    const response = await rest('PATCH', `/pumps/${pump.id}`, {
      token: world.tokens.service,
      body: { responsiblePartner: world.partnerB.id },
    })
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

it('no response carried a password hash, a salt, a phone code or a pump password', () => expectNoSecrets(50))
