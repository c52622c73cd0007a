// What each role sees and may edit beyond the access table: lists filtered to one's own, the owner's view of a
// pump, a partner's edits of its own pumps' installation fields, and GraphQL following the same rules.
import { localUser } from '../support/fixtures'
import { gql, rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { expectNoSecrets } from './access-secrets'
import { type Id } from './access-fresh'

useWorld()

describe('what each role sees in lists', () => {
  const ids = (docs: { id: Id }[]) => docs.map((doc) => doc.id)

  it('a service engineer and a partner list only themselves among users', async () => {
    for (const [role, self] of [
      ['service', world.users.service.id],
      ['partner', world.users.partner.id],
    ] as const) {
      const response = await rest('GET', '/users?limit=0', { token: world.tokens[role] })
      expect(ids(response.body.docs)).toEqual([self])
    }
  })

  it('a partner user reads its own company and not another', async () => {
    const list = await rest('GET', '/partners?limit=0', { token: world.tokens.partner })
    expect(ids(list.body.docs)).toEqual([world.partnerA.id])
    expect((await rest('GET', `/partners/${world.partnerA.id}`, { token: world.tokens.partner })).status).toBe(200)
  })

  it('an owner reads their own buyer card only', async () => {
    const list = await rest('GET', '/buyers?limit=0', { token: world.tokens.owner })
    expect(ids(list.body.docs)).toEqual([world.ownerX.id])
    expect((await rest('GET', `/buyers/${world.ownerX.id}`, { token: world.tokens.owner })).status).toBe(200)
    const updated = await rest('PATCH', `/buyers/${world.ownerX.id}`, {
      token: world.tokens.owner,
      body: { name: 'Owner X2' },
    })
    expect(updated.status).toBe(200)
    expect(updated.body.doc.name).toBe('Owner X2')
  })

  it('a partner lists only the pumps it is responsible for; an owner only their own', async () => {
    const ofPartner = await rest('GET', '/pumps?limit=0', { token: world.tokens.partner })
    expect(ids(ofPartner.body.docs)).toEqual([world.pumps.ofA.id])
    const ofOwner = await rest('GET', '/pumps?limit=0', { token: world.tokens.owner })
    expect(ids(ofOwner.body.docs)).toEqual([world.pumps.ofA.id])
    for (const role of ['partner', 'owner'] as const) {
      expect((await rest('GET', `/pumps/${world.pumps.ofA.id}`, { token: world.tokens[role] })).status).toBe(200)
      expect((await rest('GET', `/pumps/${world.pumps.ofB.id}`, { token: world.tokens[role] })).status).toBe(404)
    }
  })

  it('the same holds through the Local API with overrideAccess: false', async () => {
    const partnerPumps = await payload.find({
      collection: 'pumps',
      overrideAccess: false,
      user: localUser(world, 'partner'),
      limit: 0,
    })
    expect(ids(partnerPumps.docs)).toEqual([world.pumps.ofA.id])
    const ownerPumps = await payload.find({
      collection: 'pumps',
      overrideAccess: false,
      user: localUser(world, 'owner'),
      limit: 0,
    })
    expect(ids(ownerPumps.docs)).toEqual([world.pumps.ofA.id])
  })

  it('the owner’s view of a pump has no partner notes, responsible partner or other owner', async () => {
    const response = await rest('GET', `/pumps/${world.pumps.ofA.id}`, { token: world.tokens.owner })
    expect(response.body.serial).toBe(world.pumps.ofA.serial)
    expect(response.body).not.toHaveProperty('ownerInfo')
    expect(response.body).not.toHaveProperty('note')
    expect(response.body).not.toHaveProperty('responsiblePartner')
    expect(response.body).not.toHaveProperty('owner')
  })
})

describe('a partner edits only the installation fields of its own pumps', () => {
  it('changes installation fields and nothing else', async () => {
    const russia = (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } } })).docs[0]
    const samara = (await payload.find({ collection: 'regions', where: { code: { equals: 'RU-SAM' } } })).docs[0]
    const response = await rest('PATCH', `/pumps/${world.pumps.ofA.id}`, {
      token: world.tokens.partner,
      body: {
        country: russia.id,
        region: samara.id,
        note: 'mounted in the basement',
        serial: 'HIJACKED',
        responsiblePartner: world.partnerB.id,
        owner: world.ownerY.id,
        simNumber: '89701012345678901234',
      },
    })
    expect(response.status).toBe(200)
    const pump = await payload.findByID({ collection: 'pumps', id: world.pumps.ofA.id, depth: 0 })
    expect(pump.note).toBe('mounted in the basement')
    expect(pump.region).toBe(samara.id)
    expect(pump.timezone).toBe('Europe/Samara')
    expect(pump.serial).toBe(world.pumps.ofA.serial)
    expect(pump.responsiblePartner).toBe(world.partnerA.id)
    expect(pump.owner).toBe(world.ownerX.id)
    expect(pump.simNumber ?? null).toBeNull()
  })

  it("cannot update or claim another partner's pump, by REST or GraphQL", async () => {
    const patch = await rest('PATCH', `/pumps/${world.pumps.ofB.id}`, {
      token: world.tokens.partner,
      body: { note: 'mine now' },
    })
    expect([403, 404]).toContain(patch.status)
    const claim = await rest('PATCH', `/pumps/${world.pumps.unclaimed.id}`, {
      token: world.tokens.partner,
      body: { responsiblePartner: world.partnerA.id },
    })
    expect([403, 404]).toContain(claim.status)
    const after = await payload.findByID({ collection: 'pumps', id: world.pumps.unclaimed.id, depth: 0 })
    expect(after.responsiblePartner ?? null).toBeNull()
    const notB = await payload.findByID({ collection: 'pumps', id: world.pumps.ofB.id, depth: 0 })
    expect(notB.note ?? null).toBeNull()
  })
})

describe('GraphQL follows the same rules', () => {
  it("a partner cannot read another partner's pump", async () => {
    const list = await gql('{ Pumps(limit: 0) { docs { id serial } } }', { token: world.tokens.partner })
    expect(list.body.data.Pumps.docs.map((d: { id: Id }) => d.id)).toEqual([world.pumps.ofA.id])
    const other = await gql(`{ Pump(id: ${world.pumps.ofB.id}) { serial } }`, { token: world.tokens.partner })
    expect(other.body.data?.Pump ?? null).toBeNull()
  })
})

describe('secrets', () => {
  it('no response in this file carried a password, a password hash or a salt', () => expectNoSecrets(10))
})
