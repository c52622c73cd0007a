// A modem's MQTT password: a random device key, issued when the pump is produced and shown once.
import { createHmac, randomBytes } from 'node:crypto'

/** Device keys are random (128 bits): a keyed SHA-256 is enough, and cheap when a whole fleet reconnects. */
export function deviceKeyHash(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`device-key:${key}`).digest('hex')
}

export function generateDeviceKey(): { key: string; hash: (secret: string) => string } {
  const key = randomBytes(16).toString('base64url')
  return { key, hash: (secret) => deviceKeyHash(secret, key) }
}
