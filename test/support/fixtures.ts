// A small world for access tests: two partner companies, one account per role, two owners, pumps of each.
import type { Payload } from 'payload'

import { PUMP_FLOW_CONTEXT_KEY } from '../../src/domain/flow'
import { login } from './payload'

export type Role = 'admin' | 'service' | 'partner' | 'owner' | 'anonymous'

let counter = 0
/** Unique per call, so test files can share one database. */
export function unique(prefix: string): string {
  counter += 1
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`
}

export async function codeId(payload: Payload, collection: 'countries' | 'regions' | 'objectTypes', code: string) {
  const { docs } = await payload.find({ collection, where: { code: { equals: code } }, limit: 1, depth: 0 })
  if (!docs[0]) throw new Error(`no ${collection} with code ${code}`)
  return docs[0].id
}

export async function createWorld(payload: Payload) {
  const tag = unique('w')
  const partnerA = await payload.create({
    collection: 'partners',
    data: { name: `Teplo-Montazh ${tag}`, certified: true },
  })
  const partnerB = await payload.create({
    collection: 'partners',
    data: { name: `Sever Heat ${tag}`, certified: true },
  })
  const password = 'correct-horse-1'
  const account = async (key: string, role: 'admin' | 'service' | 'partner', partner?: number) =>
    payload.create({
      collection: 'users',
      data: { email: `${key}-${tag}@test.local`.toLowerCase(), password, name: `${key} ${tag}`, role, partner },
    })
  const users = {
    admin: await account('admin', 'admin'),
    service: await account('service', 'service'),
    partner: await account('partner', 'partner', partnerA.id),
    otherPartner: await account('other-partner', 'partner', partnerB.id),
  }
  const phoneTail = String(Date.now() % 10_000_000).padStart(7, '0')
  const ownerX = await payload.create({
    collection: 'buyers',
    data: { phone: `+7912${phoneTail}`, username: '', password, name: 'Owner X' },
  })
  const ownerY = await payload.create({
    collection: 'buyers',
    data: { phone: `+7913${phoneTail}`, username: '', password, name: 'Owner Y' },
  })
  const model = await payload.create({ collection: 'models', data: { name: `Model ${tag}`, code: `M-${tag}` } })
  const pump = async (suffix: string, data: Record<string, unknown>) =>
    payload.create({
      collection: 'pumps',
      context: { [PUMP_FLOW_CONTEXT_KEY]: 'seed' },
      data: { serial: `SN-${tag}-${suffix}`, model: model.id, password: 'pump-secret-1', ...data } as never,
    })
  const installed = {
    country: await codeId(payload, 'countries', 'RU'),
    region: await codeId(payload, 'regions', 'RU-SVE'),
    objectType: await codeId(payload, 'objectTypes', 'private_house'),
  }
  const pumps = {
    ofA: await pump('A', {
      responsiblePartner: partnerA.id,
      owner: ownerX.id,
      ownerInfo: 'installer notes A',
      status: 'in_operation',
      ...installed,
    }),
    ofB: await pump('B', { responsiblePartner: partnerB.id, owner: ownerY.id, ownerInfo: 'installer notes B' }),
    unclaimed: await pump('U', {}),
  }
  const tokens: Record<Role, string | undefined> = {
    admin: await login('users', { email: users.admin.email, password }),
    service: await login('users', { email: users.service.email, password }),
    partner: await login('users', { email: users.partner.email, password }),
    owner: await login('buyers', { username: ownerX.phone, password }),
    anonymous: undefined,
  }
  return { tag, password, partnerA, partnerB, users, ownerX, ownerY, model, pumps, tokens }
}

export type World = Awaited<ReturnType<typeof createWorld>>

/** The Local API `user` for a role, as Payload would put it on req.user. */
export function localUser(world: World, role: Role) {
  switch (role) {
    case 'admin':
      return { ...world.users.admin, collection: 'users' as const }
    case 'service':
      return { ...world.users.service, collection: 'users' as const }
    case 'partner':
      return { ...world.users.partner, collection: 'users' as const }
    case 'owner':
      return { ...world.ownerX, collection: 'buyers' as const }
    case 'anonymous':
      return undefined
  }
}
