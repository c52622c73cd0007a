// Field-level hardening through REST and GraphQL (issue 9, finding 4): every hidden field of every collection, read
// from the config, is unwritable by every API path.
import type { Field } from 'payload'

import { internalFieldNames } from '../../access/internal-fields'
import { unique } from '../support/fixtures'
import { gql, rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

/** A document of each collection that has internal fields; a collection missing here fails the test below. */
const targets: Record<string, () => Promise<number>> = {
  pumps: async () =>
    (await payload.create({ collection: 'pumps', data: { serial: unique('HID'), password: 'pump-secret-1' } as never }))
      .id,
  users: async () =>
    (
      await payload.create({
        collection: 'users',
        data: { email: `${unique('hid')}@test.local`, password: world.password, role: 'service' },
      })
    ).id,
  buyers: async () =>
    (
      await payload.create({
        collection: 'buyers',
        data: {
          phone: `+7915${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
          username: '',
          password: world.password,
        },
      })
    ).id,
}

const GRAPHQL_UPDATE: Record<string, string> = { pumps: 'updatePump', users: 'updateUser', buyers: 'updateBuyer' }

function attackValue(field: Field): unknown {
  if (field.type === 'date') return '2001-02-03T04:05:06.000Z'
  if (field.type === 'number') return 99
  return '$2a$10$attackerchosenhashattackerchosenhashattackerchose12'
}

function fieldByPath(fields: readonly Field[], path: string): Field {
  const [head, ...rest] = path.split('.')
  const found = fields
    .flatMap((field) =>
      'name' in field && field.name ? [field] : (((field as { fields?: Field[] }).fields ?? []) as Field[]),
    )
    .find((field) => 'name' in field && field.name === head)!
  return rest.length ? fieldByPath((found as { fields: Field[] }).fields, rest.join('.')) : found
}

async function stored(slug: string, id: number): Promise<Record<string, unknown>> {
  return (await payload.db.findOne({ collection: slug as never, where: { id: { equals: id } } })) as Record<
    string,
    unknown
  >
}

const collectionsWithInternalFields = () =>
  Object.values(payload.collections)
    .map(({ config }) => ({ slug: config.slug, names: internalFieldNames(config.fields) }))
    .filter(({ names }) => names.length > 0)

describe('internal fields (finding 4)', () => {
  it('the config names them: the pump hashes, the modem bookkeeping and the auth secrets', () => {
    const all = Object.fromEntries(collectionsWithInternalFields().map(({ slug, names }) => [slug, names]))
    expect(all.pumps).toEqual(
      expect.arrayContaining(['passwordHash', 'deviceKeyHash', 'presenceAt', 'alarmsAt', 'lastSeenAt']),
    )
    for (const slug of ['users', 'buyers']) {
      expect(all[slug]).toEqual(
        expect.arrayContaining(['hash', 'salt', 'loginAttempts', 'lockUntil', 'resetPasswordToken']),
      )
    }
    for (const slug of Object.keys(all)) expect(targets[slug]).toBeDefined()
  })

  it('an administrator cannot write any of them by REST create, REST update or GraphQL update', async () => {
    for (const { slug, names } of collectionsWithInternalFields()) {
      const id = await targets[slug]()
      const before = await stored(slug, id)
      for (const name of names) {
        const field = fieldByPath(payload.collections[slug].config.fields, name)
        const value = attackValue(field)
        const patch = await rest('PATCH', `/${slug}/${id}`, { token: world.tokens.admin, body: { [name]: value } })
        expect([200, 400, 403]).toContain(patch.status)
        const literal = JSON.stringify(value)
        await gql(`mutation { ${GRAPHQL_UPDATE[slug]}(id: ${id}, data: { ${name}: ${literal} }) { id } }`, {
          token: world.tokens.admin,
        })
        const after = await stored(slug, id)
        expect({ slug, name, value: after[name] }).toEqual({ slug, name, value: before[name] })
      }
    }
  })

  it('a pump created over REST gets no chosen hash: none without a password, its own password’s with one', async () => {
    const chosen = attackValue({ type: 'text' } as Field)
    const bare = await rest('POST', '/pumps', {
      token: world.tokens.admin,
      body: {
        serial: unique('HIDC'),
        passwordHash: chosen,
        deviceKeyHash: chosen,
        presenceAt: '2001-01-01T00:00:00.000Z',
      },
    })
    expect(bare.status).toBe(201)
    const bareRow = await stored('pumps', bare.body.doc.id)
    expect([bareRow.passwordHash ?? null, bareRow.deviceKeyHash ?? null, bareRow.presenceAt ?? null]).toEqual([
      null,
      null,
      null,
    ])
    const withPassword = await rest('POST', '/pumps', {
      token: world.tokens.admin,
      body: { serial: unique('HIDC'), password: 'pump-secret-1', passwordHash: chosen },
    })
    expect(withPassword.status).toBe(201)
    const row = await stored('pumps', withPassword.body.doc.id)
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$/)
    expect(row.passwordHash).not.toBe(chosen)
  })

  it('none of them is read, filtered or sorted on through REST or GraphQL, even by an administrator', async () => {
    for (const { slug, names } of collectionsWithInternalFields()) {
      const id = await targets[slug]()
      const read = await rest('GET', `/${slug}/${id}`, { token: world.tokens.admin })
      for (const name of names) {
        expect({ slug, name, read: Object.keys(read.body).includes(name) }).toEqual({ slug, name, read: false })
        const where = await rest('GET', `/${slug}?where[${name}][exists]=true`, { token: world.tokens.admin })
        expect({ slug, name, status: where.status }).toEqual({ slug, name, status: 400 })
        const sort = await rest('GET', `/${slug}?sort=${name}`, { token: world.tokens.admin })
        expect({ slug, name, status: sort.status }).toEqual({ slug, name, status: 400 })
      }
    }
  })

  it('the services that own them still set them (Local API, overrideAccess)', async () => {
    const id = await targets.pumps()
    await payload.update({
      collection: 'pumps',
      id,
      data: { deviceKeyHash: 'service-set' } as never,
      overrideAccess: true,
    })
    expect((await stored('pumps', id)).deviceKeyHash).toBe('service-set')
    const withHidden = await payload.findByID({ collection: 'pumps', id, showHiddenFields: true, overrideAccess: true })
    expect((withHidden as { passwordHash?: string }).passwordHash).toMatch(/^\$2/)
  })
})
