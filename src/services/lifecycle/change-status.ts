// The one place a pump's `status` is written: the change and its history event in one transaction, under a lock on
// the pump's row, so two people pressing the button at once make one change.
import { sql } from '@payloadcms/db-postgres'
import { APIError, NotFound, type PayloadRequest } from 'payload'

import { pumpFlowContext } from '../../domain/flow'
import { isPumpStatus, STATUS_LABELS, type EventActor, type EventSource, type PumpStatus } from '../../domain/lifecycle'
import { inUserLanguage } from '../../i18n'
import type { Pump, PumpEvent } from '../../payload-types'
import { recordEvent } from '../history'
import { inTransaction, transactionDb } from '../transaction'

/** A transition refused for who asks or where the pump is (403, 409): an answer, not a server fault. */
export class TransitionRefused extends APIError {
  constructor(message: string, status: 403 | 409) {
    super(message, status)
  }
}

/** The pump moved on (another user, the modem) between reading it and changing it: 409, nothing changed. */
export class StatusConflict extends APIError {
  constructor(req: PayloadRequest, current: PumpStatus) {
    super(
      inUserLanguage(req, {
        en: `The pump's status is now "${STATUS_LABELS[current].en}": reload the card and try again`,
        ru: `Статус насоса уже «${STATUS_LABELS[current].ru}»: обновите карточку и повторите`,
      }),
      409,
    )
  }
}

export type StatusChange = {
  pumpId: number
  to: PumpStatus
  /** Checked under the row lock: the status the change was decided from. */
  allowedFrom: (current: PumpStatus) => boolean
  /** Pump card values the change sets besides the status. */
  values?: Record<string, unknown>
  /** What the history event keeps of them (never a password). */
  data?: Record<string, unknown>
  comment?: string
  actor: EventActor
  source: EventSource
  at?: Date
}

export function statusOf(pump: Pick<Pump, 'status'>): PumpStatus {
  return isPumpStatus(pump.status) ? pump.status : 'created'
}

async function lockedStatus(req: PayloadRequest, pumpId: number): Promise<PumpStatus | null> {
  const db = await transactionDb(req)
  const result = await db.execute(sql`select status from pumps where id = ${pumpId} for update`)
  const row = (result as unknown as { rows: { status: PumpStatus }[] }).rows[0]
  return row ? row.status : null
}

/** The one place `status` is written: the change and its history event, together or not at all. */
export async function changeStatus(
  req: PayloadRequest,
  change: StatusChange,
): Promise<{ pump: Pump; event: PumpEvent }> {
  return inTransaction(req, async () => {
    const from = await lockedStatus(req, change.pumpId)
    if (from === null) throw new NotFound(req.t)
    if (!change.allowedFrom(from)) throw new StatusConflict(req, from)
    const pump = await req.payload.update({
      collection: 'pumps',
      id: change.pumpId,
      data: { ...change.values, status: change.to },
      depth: 0,
      req,
      overrideAccess: true,
      context: pumpFlowContext('lifecycle'),
    })
    const event = await recordEvent(req, {
      pump: change.pumpId,
      kind: 'status',
      at: change.at,
      from,
      to: change.to,
      actor: change.actor,
      source: change.source,
      comment: change.comment,
      data: change.data,
    })
    return { pump, event }
  })
}
