// What an SMS code may cost us: per phone (the resend pause and hourly count of src/domain/registration.ts), per
// requester (client address, whatever numbers it asks for) and in total per hour. Checked and the code recorded in
// one transaction under one lock, so concurrent requests cannot overshoot the budget.
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type PayloadRequest } from 'payload'

import { mayRequestCode } from '../domain/registration'
import { settings } from '../settings'
import { inTransaction, transactionDb } from './transaction'

export type CodeReservation =
  | { ok: true; id: number }
  | { ok: false; reason: 'phone'; retryAfterSeconds: number }
  | { ok: false; reason: 'requester' | 'budget' }

type NewCode = { phone: string; clientAddress: string; codeHash: string; expiresAt: string }

export async function reservePhoneCode(req: PayloadRequest, code: NewCode): Promise<CodeReservation> {
  const local = await createLocalReq({ req: { i18n: req.i18n, t: req.t } }, req.payload)
  const now = new Date()
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString()
  return inTransaction(local, async (): Promise<CodeReservation> => {
    const db = await transactionDb(local)
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended('sms-codes', 0))`)
    const { docs } = await req.payload.find({
      collection: 'phoneCodes',
      where: { and: [{ phone: { equals: code.phone } }, { createdAt: { greater_than: hourAgo } }] },
      depth: 0,
      limit: 100,
      req: local,
      overrideAccess: true,
    })
    const perPhone = mayRequestCode(
      docs.map((doc) => new Date(doc.createdAt)),
      now,
    )
    if (!perPhone.ok) return { ok: false, reason: 'phone', retryAfterSeconds: perPhone.retryAfterSeconds }
    const count = async (where: object) =>
      (await req.payload.count({ collection: 'phoneCodes', where: where as never, req: local, overrideAccess: true }))
        .totalDocs
    const recent = { createdAt: { greater_than: hourAgo } }
    if (code.clientAddress !== 'unknown') {
      const byRequester = await count({ and: [recent, { clientAddress: { equals: code.clientAddress } }] })
      if (byRequester >= settings.smsCodesPerRequesterPerHour) return { ok: false, reason: 'requester' }
    }
    if ((await count(recent)) >= settings.smsCodesPerHour) return { ok: false, reason: 'budget' }
    const record = await req.payload.create({ collection: 'phoneCodes', data: code, req: local, overrideAccess: true })
    return { ok: true, id: record.id }
  })
}
