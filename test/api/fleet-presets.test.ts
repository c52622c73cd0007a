// Saved filters on the pump list (Payload's query presets, issue 14): each admin user keeps their own; a partner
// cannot share one; staff share with staff or with everyone; owners and anonymous callers have none.
import { login, rest } from '../support/payload'
import { useWorld, world } from '../support/world-suite'

useWorld()

// As the list writes a filter (Payload stores a preset's filter in this shape).
const PRODUCED = { or: [{ and: [{ status: { equals: 'produced' } }] }] }

async function savePreset(token: string | undefined, title: string, read = 'onlyMe') {
  return rest('POST', '/payload-query-presets', {
    token,
    body: {
      title,
      relatedCollection: 'pumps',
      where: PRODUCED,
      columns: [{ accessor: 'serial', active: true }],
      access: { read: { constraint: read }, update: { constraint: 'onlyMe' }, delete: { constraint: 'onlyMe' } },
    },
  })
}

async function titles(token: string | undefined): Promise<string[]> {
  const response = await rest('GET', '/payload-query-presets?limit=100&depth=0', { token })
  expect(response.status).toBe(200)
  return (response.body.docs as { title: string }[]).map((preset) => preset.title)
}

describe('saved filters (query presets) on the pump list', () => {
  let otherPartner: string

  beforeAll(async () => {
    otherPartner = await login('users', { email: world.users.otherPartner.email, password: world.password })
  })

  it("keeps a partner's own filter to that partner, with its filter and columns", async () => {
    const saved = await savePreset(world.tokens.partner, 'Partner A: produced')
    expect(saved.status).toBe(201)
    expect(saved.body.doc).toMatchObject({ title: 'Partner A: produced', isShared: false, where: PRODUCED })
    expect(await titles(world.tokens.partner)).toContain('Partner A: produced')
    expect(await titles(otherPartner)).not.toContain('Partner A: produced')
    expect(await titles(world.tokens.admin)).not.toContain('Partner A: produced')
    const id = saved.body.doc.id as number
    const changed = await rest('PATCH', `/payload-query-presets/${id}`, { token: otherPartner, body: { title: 'x' } })
    expect([403, 404]).toContain(changed.status)
    expect([403, 404]).toContain((await rest('DELETE', `/payload-query-presets/${id}`, { token: otherPartner })).status)
    expect(await titles(world.tokens.partner)).toContain('Partner A: produced')
  })

  it('refuses a partner sharing a filter, by create or by update', async () => {
    expect((await savePreset(world.tokens.partner, 'Partner A: for everyone', 'everyone')).status).toBe(403)
    expect((await savePreset(world.tokens.partner, 'Partner A: for staff', 'staff')).status).toBe(403)
    const own = await savePreset(world.tokens.partner, 'Partner A: kept')
    const shared = await rest('PATCH', `/payload-query-presets/${own.body.doc.id}`, {
      token: world.tokens.partner,
      body: { access: { read: { constraint: 'everyone' } } },
    })
    expect(shared.status).toBe(403)
    expect(await titles(otherPartner)).not.toContain('Partner A: kept')
  })

  it('lets staff share with staff only, or with everyone', async () => {
    expect((await savePreset(world.tokens.admin, 'Staff: produced', 'staff')).status).toBe(201)
    expect((await savePreset(world.tokens.admin, 'Everyone: produced', 'everyone')).status).toBe(201)
    expect(await titles(world.tokens.service)).toEqual(
      expect.arrayContaining(['Staff: produced', 'Everyone: produced']),
    )
    const partnerSees = await titles(world.tokens.partner)
    expect(partnerSees).toContain('Everyone: produced')
    expect(partnerSees).not.toContain('Staff: produced')
  })

  it('gives owners and anonymous callers no saved filters', async () => {
    for (const token of [world.tokens.owner, undefined]) {
      expect((await rest('GET', '/payload-query-presets', { token })).status).toBe(403)
      expect((await savePreset(token, 'nope')).status).toBe(403)
    }
  })
})
