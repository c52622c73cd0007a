// The dashboard's figures for staff (the whole fleet) and for a partner (its own pumps), read from counts kept in
// memory for every scope at once (src/services/fleet-counts.ts): recounted in the background every 30 s, so a page
// view never waits on a count, and never served older than a minute.
import type { Payload, PayloadRequest } from 'payload'

import { partnerOf, isStaff } from '../../access'
import { healthQuestions, statusQuestions, type FleetQuestion, type PumpFilter } from '../domain/fleet'
import type { Bilingual } from '../domain/messages'
import { onClose } from './close'
import { countFleet, emptyCounts, type FleetCounts } from './fleet-counts'

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

/** Counts younger than this are served as they are; the background recount runs this often... */
export const FRESH_MS = 30_000
/** ...and no view is served counts older than this (it waits for a recount instead). */
export const MAX_AGE_MS = 60_000

const REGISTRATIONS = [
  { key: 'partner_claim', label: { en: 'Registered by partners, 7 days', ru: 'Зарегистрированы партнёрами, 7 дней' } },
  { key: 'owner_app', label: { en: 'Registered by owners, 7 days', ru: 'Зарегистрированы владельцами, 7 дней' } },
] as const

type State = { counts: FleetCounts | null; running: Promise<FleetCounts> | null }
let states = new WeakMap<Payload, State>()

function stateOf(payload: Payload): State {
  let state = states.get(payload)
  if (!state) states.set(payload, (state = { counts: null, running: null }))
  return state
}

/** One recount at a time per Payload instance; whoever asks meanwhile gets the one under way. */
function recount(payload: Payload): Promise<FleetCounts> {
  const state = stateOf(payload)
  if (state.running) return state.running
  const running = countFleet(payload)
    .then((counts) => {
      if (!state.counts || counts.at > state.counts.at) state.counts = counts
      return counts
    })
    .finally(() => (state.running = null))
  state.running = running
  return running
}

/** The counts to serve at `now`: the kept ones while younger than a minute (recounted behind the reader after 30 s,
 * should the background timer not be running), else a recount the reader waits for. */
async function currentCounts(payload: Payload, now: number): Promise<FleetCounts> {
  const { counts } = stateOf(payload)
  if (counts && now - counts.at < MAX_AGE_MS) {
    if (now - counts.at >= FRESH_MS) recount(payload).catch(() => undefined)
    return counts
  }
  return recount(payload)
}

/**
 * Keeps every scope's counts fresh in the background (the server process): counted now, then every `everyMs`, so
 * a page view, the first after an idle hour included, reads them from memory. Stops with Payload (`closePayload`)
 * or when the returned function is called.
 */
export function keepFleetCounts(payload: Payload, everyMs = FRESH_MS): () => void {
  const run = () =>
    void recount(payload).catch((error: Error) =>
      payload.logger.warn(`[fleet] the dashboard recount failed (the next one retries): ${error.message}`),
    )
  const timer = setInterval(run, everyMs)
  timer.unref()
  run()
  onClose(payload, async () => {
    clearInterval(timer)
    await stateOf(payload).running?.catch(() => undefined)
  })
  return () => clearInterval(timer)
}

async function latestChanges(payload: Payload, user: User): Promise<StatusChange[]> {
  const { docs } = await payload.find({
    collection: 'pumpEvents',
    where: { kind: { equals: 'status' } },
    user,
    overrideAccess: false,
    depth: 1,
    limit: 8,
    // No count of every status event (5,000,000 at a million pumps: most of a second): only the newest 8.
    pagination: false,
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

function overviewOf(counts: FleetCounts, scope: string, latest: StatusChange[]): FleetOverview {
  const { figures, registered } = counts.scopes.get(scope) ?? emptyCounts()
  const figure = (question: FleetQuestion): FleetFigure => ({ ...question, count: figures[question.key] ?? 0 })
  return {
    at: new Date(counts.at).toISOString(),
    statuses: statusQuestions().map(figure),
    health: healthQuestions(new Date(counts.at)).map(figure),
    registrations: REGISTRATIONS.map(({ key, label }) => ({
      key,
      label,
      count: registered[key].count,
      pumps: [...new Set(registered[key].pumps)],
    })),
    latest,
  }
}

/** Whose figures: the whole fleet for staff, the partner's own pumps for a partner; nobody else has a dashboard. */
export function overviewScope(user: User): string | null {
  if (isStaff(user)) return 'staff'
  const partner = partnerOf(user)
  return partner === null ? null : `partner:${partner}`
}

/** The figures the user may see, at most a minute old, and the latest status changes as of now. */
export async function fleetOverview(payload: Payload, user: User, now = Date.now()): Promise<FleetOverview | null> {
  const scope = overviewScope(user)
  if (!scope) return null
  const [counts, latest] = await Promise.all([currentCounts(payload, now), latestChanges(payload, user)])
  return overviewOf(counts, scope, latest)
}

/** Forgets the kept counts (tests, and after a bulk import): the next view counts. */
export function forgetOverviews(): void {
  states = new WeakMap()
}
