// Every auth operation Payload gives `users` and `buyers`, for every role, through REST (issue 9, findings 3, 12 and
// the locked-account quirk of 21): only administrators unlock, nobody resets a password by e-mail, every token handed
// out works, and a locked account's tokens stop working until it is unlocked.
import type { Payload } from 'payload'

import { createWorld, unique, type Role, type World } from '../support/fixtures'
import { closePayload, login, receivedBodies, rest, startPayload } from '../support/payload'

let payload: Payload
let world: World

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
})
afterAll(async () => {
  await closePayload(payload)
})

const ROLES: Role[] = ['admin', 'service', 'partner', 'owner', 'anonymous']
type Auth = 'users' | 'buyers'

let phoneSeq = 0
/** A fresh account of the collection, and how it logs in. */
async function account(collection: Auth) {
  if (collection === 'users') {
    const email = `${unique('auth')}@test.local`.toLowerCase()
    const doc = await payload.create({
      collection: 'users',
      data: { email, password: world.password, role: 'service' },
    })
    return {
      id: doc.id,
      credentials: { email, password: world.password } as Record<string, string>,
      name: { email } as Record<string, string>,
    }
  }
  const phone = `+7917${String((Date.now() + phoneSeq++ * 104_729) % 10_000_000).padStart(7, '0')}`
  const doc = await payload.create({ collection: 'buyers', data: { phone, username: '', password: world.password } })
  return {
    id: doc.id,
    credentials: { username: phone, password: world.password } as Record<string, string>,
    name: { username: phone } as Record<string, string>,
  }
}

async function lock(collection: Auth, id: number | string) {
  await payload.db.updateOne({
    collection,
    id,
    data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 15 * 60_000).toISOString() },
    returning: false,
  })
}

async function lockUntil(collection: Auth, id: number | string): Promise<unknown> {
  const row = (await payload.db.findOne({ collection, where: { id: { equals: id } } })) as { lockUntil?: unknown }
  return row.lockUntil ?? null
}

async function me(collection: Auth, token?: string) {
  const response = await rest('GET', `/${collection}/me`, { token })
  return response.body?.user ?? null
}

describe.each(['users', 'buyers'] as const)('auth operations on %s', (collection) => {
  it.each(ROLES)('unlock: only an administrator unlocks (%s)', async (role) => {
    const target = await account(collection)
    await lock(collection, target.id)
    const response = await rest('POST', `/${collection}/unlock`, { token: world.tokens[role], body: target.name })
    if (role === 'admin') {
      expect(response.status).toBe(200)
      expect(await lockUntil(collection, target.id)).toBeNull()
    } else {
      expect(response.status).toBe(403)
      expect(await lockUntil(collection, target.id)).not.toBeNull()
    }
  })

  it.each(ROLES)(
    'forgot-password and reset-password are refused, the same for known and unknown accounts (%s)',
    async (role) => {
      const known = await account(collection)
      const unknownName =
        collection === 'users' ? { email: `${unique('nobody')}@test.local` } : { username: '+79170000000' }
      const forKnown = await rest('POST', `/${collection}/forgot-password`, {
        token: world.tokens[role],
        body: known.name,
      })
      const forUnknown = await rest('POST', `/${collection}/forgot-password`, {
        token: world.tokens[role],
        body: unknownName,
      })
      expect(forKnown.status).toBe(403)
      expect(forUnknown).toMatchObject({ status: forKnown.status, body: forKnown.body })
      const row = (await payload.db.findOne({ collection, where: { id: { equals: known.id } } })) as {
        resetPasswordToken?: unknown
      }
      expect(row.resetPasswordToken ?? null).toBeNull()
      const reset = await rest('POST', `/${collection}/reset-password`, {
        token: world.tokens[role],
        body: { token: 'guessed-token', password: 'new-password-1' },
      })
      expect(reset.status).toBe(403)
    },
  )

  it.each(ROLES)('verify and first-register change nothing (%s)', async (role) => {
    const verify = await rest('POST', `/${collection}/verify/some-token`, { token: world.tokens[role] })
    expect(verify.status).toBe(404)
    const before = (await payload.count({ collection })).totalDocs
    const first = await rest('POST', `/${collection}/first-register`, {
      token: world.tokens[role],
      body:
        collection === 'users'
          ? { email: `${unique('first')}@test.local`, password: 'first-user-1', role: 'admin' }
          : { username: '+79170000001', phone: '+79170000001', password: 'first-user-1' },
    })
    expect(first.status).toBe(403)
    expect((await payload.count({ collection })).totalDocs).toBe(before)
  })

  it.each(ROLES)('me answers the caller’s own account of this collection, without secrets (%s)', async (role) => {
    const user = await me(collection, world.tokens[role])
    const own =
      (collection === 'users' && ['admin', 'service', 'partner'].includes(role)) ||
      (collection === 'buyers' && role === 'owner')
    if (!own) {
      expect(user).toBeNull()
      return
    }
    const expected = role === 'owner' ? world.ownerX.id : world.users[role as 'admin' | 'service' | 'partner'].id
    expect(user.id).toBe(expected)
    for (const secret of ['hash', 'salt', 'loginAttempts', 'lockUntil', 'resetPasswordToken']) {
      expect(user).not.toHaveProperty(secret)
    }
    expect(user.sessions ?? []).toEqual([])
  })

  it.each(ROLES)('refresh renews only one’s own token; logout ends it (%s)', async (role) => {
    const own =
      (collection === 'users' && ['admin', 'service', 'partner'].includes(role)) ||
      (collection === 'buyers' && role === 'owner')
    if (!own) {
      const refused = await rest('POST', `/${collection}/refresh-token`, { token: world.tokens[role] })
      expect(refused.status).toBe(403)
      return
    }
    const credentials: Record<string, string> =
      role === 'owner'
        ? { username: world.ownerX.phone, password: world.password }
        : { email: world.users[role as 'admin' | 'service' | 'partner'].email, password: world.password }
    const token = await login(collection, credentials)
    const refreshed = await rest('POST', `/${collection}/refresh-token`, { token })
    expect(refreshed.status).toBe(200)
    const renewed = refreshed.body.refreshedToken as string
    expect(await me(collection, renewed)).not.toBeNull()
    const out = await rest('POST', `/${collection}/logout`, { token: renewed })
    expect(out.status).toBe(200)
    expect(await me(collection, renewed)).toBeNull()
  })

  it('30 concurrent logins of one account all get a working token (finding 12)', async () => {
    const target = await account(collection)
    const logins = await Promise.all(
      Array.from({ length: 30 }, () => rest('POST', `/${collection}/login`, { body: target.credentials })),
    )
    expect(logins.map((response) => response.status)).toEqual(Array(30).fill(200))
    const users = await Promise.all(logins.map((response) => me(collection, response.body.token)))
    expect(users.filter((user) => user?.id === target.id)).toHaveLength(30)
  })

  it('a locked account’s existing tokens stop working until an administrator unlocks it (21)', async () => {
    const target = await account(collection)
    const token = await login(collection, target.credentials)
    expect((await me(collection, token))?.id).toBe(target.id)
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await rest('POST', `/${collection}/login`, { body: { ...target.credentials, password: 'wrong-password' } })
    }
    expect(await lockUntil(collection, target.id)).not.toBeNull()
    expect(await me(collection, token)).toBeNull()
    const own = await rest('GET', `/${collection}/${target.id}`, { token })
    expect([401, 403]).toContain(own.status)
    const unlocked = await rest('POST', `/${collection}/unlock`, { token: world.tokens.admin, body: target.name })
    expect(unlocked.status).toBe(200)
    expect((await me(collection, token))?.id).toBe(target.id)
  })
})

it('no response carried a password hash, a salt, a reset token or a session', () => {
  for (const body of receivedBodies) {
    expect(body).not.toMatch(/"(hash|salt|resetPasswordToken|loginAttempts|lockUntil)"\s*:/)
    expect(body).not.toMatch(/"sessions"\s*:\s*\[\s*\{/)
  }
})
