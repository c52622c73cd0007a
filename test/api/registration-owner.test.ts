// An owner registers a pump from the mobile app (POST /buyers/register-pump): a new phone gets a buyer card, a known
// one must be proven (signed in or its password), invalid input writes nothing; then the owner in the app.
import { login, rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import {
  attemptsFor,
  buyersWith,
  card,
  eventsOf,
  expectNoSecrets,
  freshPump,
  newPhone,
  paths,
  PUMP_PASSWORD,
  register,
} from './registration-support'

useWorld()

describe('an owner registers a pump from the mobile app', () => {
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
    expect(response.body.doc).toMatchObject({
      id: pump.id,
      serial: pump.serial,
      nickname: 'Дача',
      timezone: 'Asia/Yekaterinburg',
    })
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
    const response = await register({
      phone: phone.e164,
      serial: pump.serial,
      pumpPassword: PUMP_PASSWORD,
      nickname: 'Баня',
      password: 'owner-pass-1',
    })
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
    const response = await register({
      phone: world.ownerY.phone,
      serial: pump.serial,
      pumpPassword: PUMP_PASSWORD,
      password: world.password,
    })
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
    expect(
      (await rest('POST', '/buyers/login', { body: { username: victim.phone, password: 'attacker-pass-1' } })).status,
    ).not.toBe(200)
    await expect(login('buyers', { username: victim.phone, password: 'victim-pass-1' })).resolves.toBeTruthy()
    expect((await attemptsFor(pump.serial)).map((a) => a.outcome)).toEqual([
      'phone_not_proven',
      'phone_not_proven',
      'phone_not_proven',
    ])
  })

  it('a pump registered to another owner is refused (409) and nothing is written', async () => {
    const pump = await freshPump({ owner: world.ownerY.id })
    const phone = newPhone()
    const response = await register({
      phone: phone.e164,
      serial: pump.serial,
      pumpPassword: PUMP_PASSWORD,
      password: 'owner-pass-1',
    })
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
    const mismatch = await register({
      phone: phone.e164,
      serial: pump.serial,
      pumpPassword: PUMP_PASSWORD,
      country: 'KZ',
      region: 'RU-SVE',
      password: 'owner-pass-1',
    })
    expect(paths(mismatch.body)).toEqual(['region'])
    const noPassword = await register({ phone: phone.e164, serial: pump.serial, pumpPassword: PUMP_PASSWORD })
    expect(paths(noPassword.body)).toEqual(['password'])
    expect(await buyersWith(phone.e164)).toHaveLength(0)
    expect((await card(pump.id)).owner).toBeNull()
  })
})

describe('the owner in the app', () => {
  it('lists only their pumps, and renames one; nothing else of the card', async () => {
    const list = await rest('GET', '/pumps?limit=0&depth=0', { token: world.tokens.owner })
    const owned = await payload.find({
      collection: 'pumps',
      where: { owner: { equals: world.ownerX.id } },
      limit: 0,
      depth: 0,
    })
    expect(list.body.docs.map((doc: { id: number }) => doc.id).sort()).toEqual(owned.docs.map((doc) => doc.id).sort())
    expect(list.body.docs.map((doc: { id: number }) => doc.id)).toContain(world.pumps.ofA.id)
    const renamed = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, {
      token: world.tokens.owner,
      body: { nickname: 'Дом' },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body.doc.nickname).toBe('Дом')
    const other = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, {
      token: world.tokens.owner,
      body: { nickname: 'Дом', note: 'mine' },
    })
    expect(other.status).toBe(400)
    expect(paths(other.body)).toEqual(['note'])
    expect(
      (await rest('PATCH', `/pumps/${world.pumps.ofB.id}`, { token: world.tokens.owner, body: { nickname: 'Чужой' } }))
        .status,
    ).toBe(403)
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
    expect(staff.body).toMatchObject({
      email: 'owner.x@example.com',
      message: 'Насос шумит ночью',
      buyer: expect.anything(),
    })
    expect((await rest('GET', `/feedback/${response.body.doc.id}`, { token: world.tokens.partner })).status).toBe(403)
  })

  it('feedback needs an owner, an e-mail of their own and a message', async () => {
    expect((await rest('POST', '/buyers/feedback', { body: { email: 'a@b.cd', message: 'hi' } })).status).toBe(403)
    const invalid = await rest('POST', '/buyers/feedback', {
      token: world.tokens.owner,
      body: { email: 'not-an-email' },
    })
    expect(paths(invalid.body)).toEqual(['email', 'message'])
    await payload.update({ collection: 'buyers', id: world.ownerY.id, data: { email: 'taken@example.com' } })
    const taken = await rest('POST', '/buyers/feedback', {
      token: world.tokens.owner,
      body: { email: 'taken@example.com', message: 'hi' },
    })
    expect(paths(taken.body)).toEqual(['email'])
  })
})

it('no response carried a password hash, a salt, a phone code or a pump password', () => expectNoSecrets(10))
