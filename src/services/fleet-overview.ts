// The dashboard's figures for staff (the whole fleet) and for a partner (its own pumps): each one a count of the
// pump list's filter through the reader's own access, kept for half a minute and refreshed behind the reader's back,
// so a page view never waits on the counts once they are warm and never shows figures older than a minute.
import type { Payload, PayloadRequest, Where } from 'payload'

import { partnerOf, isStaff } from '../../access'
import { DAY_MS, healthQuestions, statusQuestions, type FleetQuestion, type PumpFilter } from '../domain/fleet'
import type { Bilingual } from '../domain/messages'

export type FleetFigure = { key: string; label: Bilingual; count: number; filter: PumpFilter }
export type StatusChange = {
  id: number
  pump: number
  serial: string
  from: string | null
  to: string | null
  at: string
}
export type FleetOverview = {
  /** When the figures were counted. */
  at: string
  statuses: FleetFigure[]
  health: FleetFigure[]
  /** Pumps registered in the last 7 days by partners and by owners, and which (at most 200 each). */
  registrations: { key: 'partner_claim' | 'owner_app'; label: Bilingual; count: number; pumps: number[] }[]
  latest: StatusChange[]
}

type User = PayloadRequest['user']

/** Figures are served from memory for this long, then recounted in the background... */
export const FRESH_MS = 30_000
/** ...and never served older than this. */
export const MAX_AGE_MS = 60_000

const cache = new Map<string, { at: number; value: Promise<FleetOverview> }>()

function count(payload: Payload, user: User, question: FleetQuestion): Promise<FleetFigure> {
  return payload
    .count({ collection: 'pumps', where: question.filter as Where, user, overrideAccess: false })
    .then(({ totalDocs }) => ({ ...question, count: totalDocs }))
}

const REGISTRATIONS = [
  { key: 'partner_claim', label: { en: 'Registered by partners, 7 days', ru: 'Зарегистрированы партнёрами, 7 дней' } },
  { key: 'owner_app', label: { en: 'Registered by owners, 7 days', ru: 'Зарегистрированы владельцами, 7 дней' } },
] as const

async function registrations(payload: Payload, user: User, now: Date) {
  const since = new Date(now.getTime() - 7 * DAY_MS).toISOString()
  return Promise.all(
    REGISTRATIONS.map(async ({ key, label }) => {
      const where: Where = { and: [{ source: { equals: key } }, { at: { greater_than_equal: since } }] }
      const { totalDocs } = await payload.count({ collection: 'pumpEvents', where, user, overrideAccess: false })
      const { docs } = await payload.find({
        collection: 'pumpEvents',
        where,
        user,
        overrideAccess: false,
        depth: 0,
        limit: 200,
        sort: '-at',
        select: { pump: true },
      })
      const pumps = [...new Set(docs.map((event) => event.pump as number))]
      return { key, label, count: totalDocs, pumps }
    }),
  )
}

async function latestChanges(payload: Payload, user: User): Promise<StatusChange[]> {
  const { docs } = await payload.find({
    collection: 'pumpEvents',
    where: { kind: { equals: 'status' } },
    user,
    overrideAccess: false,
    depth: 1,
    limit: 8,
    sort: '-at',
    select: { pump: true, from: true, to: true, at: true },
    populate: { pumps: { serial: true } },
  })
  return docs.map((event) => {
    const pump = event.pump as { id: number; serial?: string } | number
    const id = typeof pump === 'object' ? pump.id : pump
    const serial = typeof pump === 'object' ? (pump.serial ?? `#${id}`) : `#${id}`
    return { id: event.id, pump: id, serial, from: event.from ?? null, to: event.to ?? null, at: event.at }
  })
}

async function countOverview(payload: Payload, user: User): Promise<FleetOverview> {
  const now = new Date()
  const [statuses, health, registered, latest] = await Promise.all([
    Promise.all(statusQuestions().map((question) => count(payload, user, question))),
    Promise.all(healthQuestions(now).map((question) => count(payload, user, question))),
    registrations(payload, user, now),
    latestChanges(payload, user),
  ])
  return { at: now.toISOString(), statuses, health, registrations: registered, latest }
}

/** Whose figures: the whole fleet for staff, the partner's own pumps for a partner; nobody else has a dashboard. */
export function overviewScope(user: User): string | null {
  if (isStaff(user)) return 'staff'
  const partner = partnerOf(user)
  return partner === null ? null : `partner:${partner}`
}

/** The figures the user may see, at most a minute old. */
export async function fleetOverview(payload: Payload, user: User, now = Date.now()): Promise<FleetOverview | null> {
  const scope = overviewScope(user)
  if (!scope) return null
  const cached = cache.get(scope)
  if (cached && now - cached.at < MAX_AGE_MS) {
    if (now - cached.at >= FRESH_MS) refresh(scope, payload, user, cached.value)
    return cached.value
  }
  const value = countOverview(payload, user)
  cache.set(scope, { at: now, value })
  value.catch(() => cache.delete(scope))
  return value
}

/** Recounts once in the background; the old figures stay served (within MAX_AGE_MS) until the new ones are in. */
function refresh(scope: string, payload: Payload, user: User, served: Promise<FleetOverview>) {
  const entry = cache.get(scope)
  if (!entry || entry.value !== served || refreshing.has(scope)) return
  refreshing.add(scope)
  const started = Date.now()
  countOverview(payload, user)
    .then((value) => cache.set(scope, { at: started, value: Promise.resolve(value) }))
    .catch(() => undefined)
    .finally(() => refreshing.delete(scope))
}
const refreshing = new Set<string>()

/** Forgets every cached figure (tests, and after a bulk import). */
export function forgetOverviews(): void {
  cache.clear()
}
