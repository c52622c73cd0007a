// Staff issue one pump a new printed password (a new label), confirmed with their own password: the old one stops
// working at once, and the history records who issued it. (A new device key: src/services/device-keys.ts.)
import { sql } from '@payloadcms/db-postgres'
import { NotFound, type PayloadRequest } from 'payload'

import { recordEvent } from '../history'
import { onlyStaff } from '../lifecycle/asking'
import { generatePumpPassword } from '../pump-passwords'
import { inTransaction, transactionDb } from '../transaction'
import { confirmFactoryPassword } from './asking'
import type { LabelEntry } from './handouts'

async function replacePassword(req: PayloadRequest, id: unknown, hash: string) {
  const pumpId = Number(id)
  if (!Number.isSafeInteger(pumpId) || pumpId < 1) throw new NotFound(req.t)
  return inTransaction(req, async () => {
    const db = await transactionDb(req)
    const result = (await db.execute(sql`update pumps set password_hash = ${hash}, updated_at = now()
      where id = ${pumpId} returning serial, (select code from models where models.id = pumps.model_id) as model`)) as unknown as {
      rows: { serial: string; model: string | null }[]
    }
    const row = result.rows[0]
    if (!row) throw new NotFound(req.t)
    await recordEvent(req, { pump: pumpId, kind: 'secrets', source: 'reissue', data: { issued: 'password' } })
    return row
  })
}

/** A new printed password for the pump's label (shown this once, in the label PDF). */
export async function reissuePumpPassword(req: PayloadRequest, id: unknown, password: unknown): Promise<LabelEntry> {
  onlyStaff(req)
  await confirmFactoryPassword(req, password, { en: 'no password was issued', ru: 'пароль не выдан' })
  const fresh = generatePumpPassword(req.payload.secret)
  const { serial, model } = await replacePassword(req, id, fresh.hash)
  return { serial, model: model ?? '', password: fresh.password }
}
