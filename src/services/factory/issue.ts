// Taking an import's handout (the label sheet or the flashing file) once, with a history event per pump saying
// which of its secrets went out, by whom, in the same transaction as the handout's deletion.
import type { PayloadRequest } from 'payload'

import { recordEventsInBulk } from '../history'
import { inTransaction } from '../transaction'
import { takeHandout, type HandoutKind, type Taken } from './handouts'

const WHAT: Record<HandoutKind, { comment: string; issued: string }> = {
  labels: { comment: 'Label sheet downloaded (printed passwords)', issued: 'password' },
  flashing: { comment: 'Flashing file downloaded (device keys)', issued: 'deviceKey' },
}

export async function takeIssued(
  req: PayloadRequest,
  kind: HandoutKind,
  token: string,
  format?: string,
): Promise<Taken | null> {
  return inTransaction(req, async () => {
    const taken = await takeHandout(req, kind, token)
    if (!taken) return null
    await recordEventsInBulk(
      req,
      taken.pumps.map((pump) => ({
        pump,
        kind: 'secrets',
        source: 'import',
        comment: WHAT[kind].comment,
        data: { batch: taken.batch, issued: WHAT[kind].issued, ...(format ? { format } : {}) },
      })),
    )
    return taken
  })
}
