// Status changes nobody asks for in the admin: the modem's first connection commissions a pump, and a seed or an
// import walks a pump along its statuses, each with its history event.
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { AWAITING_COMMISSIONING, type PumpStatus } from '../../domain/lifecycle'
import { normalizeSerial } from '../../domain/registration'
import { changeStatus, StatusConflict, statusOf } from './change-status'

/**
 * The first network connection of a released or shipped pump puts it into operation (source `modem`). Called by
 * the MQTT ingestion; idempotent, and two calls at once make one change. Returns whether this call commissioned it.
 */
export async function commissionOnFirstConnection(payload: Payload, serial: string, at: Date): Promise<boolean> {
  const { docs } = await payload.find({
    collection: 'pumps',
    where: { serial: { equals: normalizeSerial(serial) } },
    depth: 0,
    limit: 1,
    select: { status: true },
    overrideAccess: true,
  })
  const pump = docs[0]
  if (!pump || !AWAITING_COMMISSIONING.includes(statusOf(pump))) return false
  const req = await createLocalReq({}, payload)
  const commissioningDate = at.toISOString()
  try {
    await changeStatus(req, {
      pumpId: pump.id,
      to: 'in_operation',
      allowedFrom: (current) => AWAITING_COMMISSIONING.includes(current),
      values: { commissioningDate },
      data: { commissioningDate },
      actor: 'modem',
      source: 'modem',
      at,
    })
    return true
  } catch (error) {
    if (error instanceof StatusConflict) return false
    throw error
  }
}

/**
 * Status changes recorded by a seed or an import (source `import`, actor `system`): walks the pump along the given
 * statuses, each with its event, so imported pumps have a history like any other. `by` and `at` record it as that
 * staff member's transition at that time instead (the demo's story).
 */
export async function importStatus(
  payload: Payload,
  pumpId: number,
  to: PumpStatus,
  values: Record<string, unknown> = {},
  options: { by?: PayloadRequest['user']; at?: Date } = {},
): Promise<void> {
  const req = await createLocalReq(options.by ? { user: options.by } : {}, payload)
  const { password: _secret, ...data } = values
  await changeStatus(req, {
    pumpId,
    to,
    allowedFrom: (current) => current !== to,
    values,
    data,
    actor: options.by ? 'user' : 'system',
    source: options.by ? 'button' : 'import',
    at: options.at,
  })
}
