// Writes a pump's history events. Callers pass their request, so the event lands in the same transaction as the
// change it records. A batch (an import, a batch transition) writes its events in one SQL statement.
import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { staffUser } from '../../access'
import type { EventActor, EventKind, EventSource, PumpStatus } from '../domain/lifecycle'
import type { PumpEvent } from '../payload-types'
import { transactionDb } from './transaction'

export type HistoryEvent = {
  pump: number
  kind: EventKind
  source: EventSource
  at?: Date
  from?: PumpStatus
  to?: PumpStatus
  partner?: number | null
  owner?: number | null
  assignedTo?: string | null
  comment?: string
  data?: Record<string, unknown>
  /** The modem's own events name no one; otherwise the request's user (staff or owner) or the system. */
  actor?: EventActor
}

function nameOf(user: NonNullable<PayloadRequest['user']>): string {
  const { name, email, phone } = user as { name?: string | null; email?: string | null; phone?: string | null }
  const contact = email || phone
  return name && contact ? `${name} (${contact})` : (name ?? contact ?? `#${user.id}`)
}

/** The partner responsible for the pump now, read in the request's transaction (null when it has none). */
export async function pumpPartnerOf(req: PayloadRequest, pump: number): Promise<number | null> {
  const db = await transactionDb(req)
  const result = await db.execute(sql`select responsible_partner_id from pumps where id = ${pump}`)
  const row = result.rows[0] as { responsible_partner_id?: number | null } | undefined
  return row?.responsible_partner_id ?? null
}

/**
 * The partner responsible for the pump once this event is written, copied onto every event of the pump (the
 * partner's history read filters on it). A new partner re-labels the pump's earlier events too: a partner reads the
 * whole history of the pumps it is responsible for now, and none of the pumps it no longer is.
 */
async function pumpPartnerFor(req: PayloadRequest, event: HistoryEvent): Promise<number | null> {
  if (event.kind !== 'partner') return pumpPartnerOf(req, event.pump)
  const partner = event.partner ?? null
  const db = await transactionDb(req)
  await db.execute(sql`update pump_events set pump_partner_id = ${partner} where pump_id = ${event.pump}`)
  return partner
}

export async function recordEvent(req: PayloadRequest, event: HistoryEvent): Promise<PumpEvent> {
  const staff = staffUser(req.user)
  const actor: EventActor = event.actor ?? (staff ? 'user' : req.user?.collection === 'buyers' ? 'owner' : 'system')
  const pumpPartner = await pumpPartnerFor(req, event)
  return req.payload.create({
    collection: 'pumpEvents',
    data: {
      pump: event.pump,
      kind: event.kind,
      at: (event.at ?? new Date()).toISOString(),
      from: event.from ?? null,
      to: event.to ?? null,
      partner: event.partner ?? null,
      pumpPartner,
      owner: event.owner ?? null,
      assignedTo: event.assignedTo ?? null,
      actor,
      user: actor === 'user' && staff ? Number(staff.id) : null,
      actorName: (actor === 'user' || actor === 'owner') && req.user ? nameOf(req.user) : null,
      source: event.source,
      comment: event.comment || null,
      data: event.data && Object.keys(event.data).length ? event.data : null,
    },
    depth: 0,
    req,
    overrideAccess: true,
  })
}

/** Many events by the request's user at once (one INSERT: an import or a batch of thousands of pumps). */
export async function recordEventsInBulk(req: PayloadRequest, events: HistoryEvent[]): Promise<void> {
  if (events.length === 0) return
  const staff = staffUser(req.user)
  const actor: EventActor = staff ? 'user' : 'system'
  const userId = staff ? Number(staff.id) : null
  const actorName = staff && req.user ? nameOf(req.user) : null
  const db = await transactionDb(req)
  await db.execute(sql`insert into pump_events
      (pump_id, pump_partner_id, kind, at, "from", "to", actor, user_id, actor_name, source, comment, data)
    select e.pump, (select p.responsible_partner_id from pumps p where p.id = e.pump), e.kind::enum_pump_events_kind, e.at, e."from"::enum_pump_events_from,
      e."to"::enum_pump_events_to, ${actor}::enum_pump_events_actor, ${userId}::integer, ${actorName}::varchar,
      e.source::enum_pump_events_source, e.comment, e.data
    from jsonb_to_recordset(${JSON.stringify(
      events.map((event) => ({
        pump: event.pump,
        kind: event.kind,
        at: (event.at ?? new Date()).toISOString(),
        from: event.from ?? null,
        to: event.to ?? null,
        source: event.source,
        comment: event.comment || null,
        data: event.data && Object.keys(event.data).length ? event.data : null,
      })),
    )}::jsonb) as e(pump integer, kind text, at timestamptz, "from" text, "to" text, source text, comment text,
      data jsonb)`)
}
