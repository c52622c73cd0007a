// The one writer of the owners' push devices: the signed-in owner registers a token (taking it over from whoever
// had it: one phone, one owner) or removes one of theirs.
import type { PayloadRequest } from 'payload'

import { buyerOf } from '../../access'
import { refuseAlarm } from './alarm-refused'
import { inTransaction } from './transaction'

export type DeviceInput = { token: string; platform: 'ios' | 'android' | 'web' | null; language: 'ru' | 'en' }

function owner(req: PayloadRequest): number {
  const buyer = buyerOf(req.user)
  if (buyer === null)
    refuseAlarm(req, req.user ? 403 : 401, { en: 'Sign in as the pump owner', ru: 'Войдите как владелец насоса' })
  return Number(buyer)
}

export async function registerDevice(req: PayloadRequest, input: DeviceInput): Promise<{ id: number }> {
  const buyer = owner(req)
  return inTransaction(req, async () => {
    await req.payload.delete({
      collection: 'devices',
      where: { token: { equals: input.token } },
      req,
      overrideAccess: true,
    })
    const doc = await req.payload.create({
      collection: 'devices',
      data: { buyer, token: input.token, platform: input.platform, language: input.language },
      req,
      overrideAccess: true,
    })
    return { id: doc.id }
  })
}

/** Removes the owner's device with this token; answers whether there was one. */
export async function removeDevice(req: PayloadRequest, token: string): Promise<boolean> {
  const buyer = owner(req)
  const result = await req.payload.delete({
    collection: 'devices',
    where: { and: [{ token: { equals: token } }, { buyer: { equals: buyer } }] },
    req,
    overrideAccess: true,
  })
  return result.docs.length > 0
}
