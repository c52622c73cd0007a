// An owner's registration under attack and load: SMS codes (sent through a stand-in gateway, used once, not twice a
// minute, limited per requester and per hour) and throttling of wrong pump passwords per address and per serial.
import { settings } from '../../src/settings'
import { login, rest } from '../support/payload'
import { payload, useWorld } from '../support/world-suite'
import {
  attemptsFor,
  expectNoSecrets,
  freshPump,
  newPhone,
  paths,
  PUMP_PASSWORD,
  register,
  sms,
  useSmsGateway,
} from './registration-support'

useWorld()
useSmsGateway()

describe('an owner registers a pump from the mobile app', () => {
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
    const refused = await register({
      phone: owner.phone,
      serial: pump.serial,
      pumpPassword: PUMP_PASSWORD,
      code: wrong,
      password: 'new-pass-123',
    })
    expect(refused.status).toBe(403)
    const response = await register({
      phone: owner.phone,
      serial: pump.serial,
      pumpPassword: PUMP_PASSWORD,
      code,
      password: 'new-pass-123',
    })
    expect(response.status).toBe(201)
    expect(response.body.user.id).toBe(owner.id)
    await expect(login('buyers', { username: owner.phone, password: 'new-pass-123' })).resolves.toBeTruthy()
    const again = await register({
      phone: owner.phone,
      serial: (await freshPump()).serial,
      pumpPassword: PUMP_PASSWORD,
      code,
      password: 'other-pass-123',
    })
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

  it('wrong pump passwords throttle the guesser’s address, not the label’s holder (finding 10)', async () => {
    const pump = await freshPump()
    const guesser = `198.51.100.${(Date.now() % 200) + 1}`
    for (let i = 0; i < 5; i++) {
      const response = await register(
        { phone: newPhone().e164, serial: pump.serial, pumpPassword: `guess-${i}`, password: 'owner-pass-1' },
        undefined,
        guesser,
      )
      expect(response.status).toBe(400)
    }
    // New phones do not help the guesser: the address is throttled, even with the right password.
    const again = await register(
      { phone: newPhone().e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'owner-pass-1' },
      undefined,
      guesser,
    )
    expect(again.status).toBe(429)
    const holder = await register(
      { phone: newPhone().e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'owner-pass-1' },
      undefined,
      '203.0.113.7',
    )
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
        const response = await register(
          { phone: newPhone().e164, serial: pump.serial, pumpPassword: `guess-${i}`, password: 'owner-pass-1' },
          undefined,
          `192.0.2.${100 + i}`,
        )
        expect(response.status).toBe(400)
      }
      const right = await register(
        { phone: newPhone().e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD, password: 'owner-pass-1' },
        undefined,
        '192.0.2.200',
      )
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
    const sent = (
      await payload.count({
        collection: 'phoneCodes',
        where: { createdAt: { greater_than: new Date(Date.now() - 3600_000).toISOString() } },
      })
    ).totalDocs
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

it('no response carried a password hash, a salt, a phone code or a pump password', () => expectNoSecrets(10))
