// Rules of single collections: manuals (anyone downloads, only PDFs), users (the first becomes an admin, a partner
// account names its company, only an admin changes roles), partners (a generated partner ID, found by it or by name).
import { unique } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, renewWorld, useWorld, world } from '../support/world-suite'
import { fresh, type Id } from './access-fresh'
import { expectNoSecrets } from './access-secrets'

useWorld()

describe('manuals', () => {
  it('anyone downloads a manual by its link, and only PDFs are accepted', async () => {
    const id = await fresh.manual()
    const manual = await payload.findByID({ collection: 'manuals', id })
    const url = new URL(manual.url!, 'http://localhost:3000')
    const file = await rest('GET', url.pathname.replace(/^\/api/, ''))
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain('application/pdf')
    await expect(
      payload.create({
        collection: 'manuals',
        data: { title: 'not a pdf' },
        file: { data: Buffer.from('plain text'), mimetype: 'text/plain', name: 'notes.txt', size: 10 },
      }),
    ).rejects.toThrow()
  })
})

describe('users', () => {
  it('the first account ever created becomes an administrator, whatever role it asked for', async () => {
    await payload.db.deleteMany({ collection: 'users', where: {} })
    try {
      const response = await rest('POST', '/users/first-register', {
        body: { email: `${unique('first')}@test.local`, password: 'first-admin-1', role: 'partner' },
      })
      expect(response.status).toBe(200)
      expect(response.body.user.role).toBe('admin')
      const second = await payload.create({
        collection: 'users',
        data: { email: `${unique('second')}@test.local`, password: 'second-user-1', role: 'service' },
      })
      expect(second.role).toBe('service')
    } finally {
      // Put the world's accounts back for the tests that follow.
      await renewWorld()
    }
  })

  it('a partner account must name its company', async () => {
    const response = await rest('POST', '/users', {
      token: world.tokens.admin,
      body: { email: `${unique('p')}@test.local`, password: 'partner-pass-1', role: 'partner' },
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toContain('A partner account needs its partner company')
  })

  it('only an admin changes roles', async () => {
    const self = await rest('PATCH', `/users/${world.users.service.id}`, {
      token: world.tokens.service,
      body: { role: 'admin' },
    })
    expect([403, 404]).toContain(self.status)
    const byAdmin = await rest('PATCH', `/users/${world.users.service.id}`, {
      token: world.tokens.admin,
      body: { role: 'admin' },
    })
    expect(byAdmin.status).toBe(200)
    expect(byAdmin.body.doc.role).toBe('admin')
  })
})

describe('partners', () => {
  it('get a generated partner ID and are found by it or by part of the name', async () => {
    const { partnerA } = world
    expect(partnerA.partnerId).toMatch(/^P-\d{5}$/)
    const byId = await rest('GET', `/partners?where[title][like]=${encodeURIComponent(partnerA.partnerId!)}`, {
      token: world.tokens.service,
    })
    expect(byId.body.docs.map((d: { id: Id }) => d.id)).toContain(partnerA.id)
    const byName = await rest('GET', `/partners?where[title][like]=${encodeURIComponent(`montazh ${world.tag}`)}`, {
      token: world.tokens.service,
    })
    expect(byName.body.docs.map((d: { id: Id }) => d.id)).toEqual([partnerA.id])
    const tampered = await rest('PATCH', `/partners/${partnerA.id}`, {
      token: world.tokens.admin,
      body: { partnerId: 'P-00000' },
    })
    expect(tampered.status).toBe(200)
    expect(tampered.body.doc.partnerId).toBe(partnerA.partnerId)
  })
})

describe('secrets', () => {
  it('no response in this file carried a password, a password hash or a salt', () => expectNoSecrets(5))
})
