// A modem's MQTT password: a random device key, issued when the pump is produced and shown once.
import { createHmac, randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { recordEvent } from './history'
import { requireOwnPassword } from './passwords'
import { inTransaction } from './transaction'

/** Device keys are random (128 bits): a keyed SHA-256 is enough, and cheap when a whole fleet reconnects. */
export function deviceKeyHash(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`device-key:${key}`).digest('hex')
}

export function generateDeviceKey(): { key: string; hash: (secret: string) => string } {
  const key = randomBytes(16).toString('base64url')
  return { key, hash: (secret) => deviceKeyHash(secret, key) }
}

/**
 * Staff issue a pump a new device key, confirmed with their own password: the old key stops working at once, the
 * history records who issued it, and the new one is returned, to be shown this once. Null when there is no such pump.
 */
export async function reissueDeviceKey(
  req: PayloadRequest,
  pumpId: number | null,
  password: string,
): Promise<string | null> {
  await requireOwnPassword(req, password, {
    en: 'Wrong password: no key was issued',
    ru: 'Неверный пароль: ключ не выдан',
  })
  if (pumpId === null) return null
  const exists = (await req.payload.count({ collection: 'pumps', where: { id: { equals: pumpId } } })).totalDocs > 0
  if (!exists) return null
  const { key, hash } = generateDeviceKey()
  const data = { deviceKeyHash: hash(req.payload.secret) } as Record<string, unknown>
  await inTransaction(req, async () => {
    await req.payload.update({ collection: 'pumps', id: pumpId, data, overrideAccess: true, req })
    await recordEvent(req, { pump: pumpId, kind: 'secrets', source: 'reissue', data: { issued: 'deviceKey' } })
  })
  return key
}
