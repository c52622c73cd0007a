// Who may talk to the broker: modems (username = serial, password = the pump's device key) and the ingestion
// service itself. Used by the embedded broker and by the HTTP auth/ACL endpoints external brokers call.
import { createHmac, timingSafeEqual } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { BrokerHost } from './host'
import { mayPublish, TOPIC_ROOT, type NormalizeSerial } from './modem'

/** The ingestion service's own broker account (embedded broker, or an external one using our HTTP auth). */
export const INGEST_USERNAME = 'hp-ingest'

function keyed(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('hex')
}

/** The configured password when set (an external broker that asks our HTTP auth), else derived from the secret. */
export function ingestPassword(secret: string, configured?: string): string {
  return configured ?? keyed(secret, 'mqtt-ingest', INGEST_USERNAME)
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right)
}

export type BrokerAccount = { kind: 'ingest' } | { kind: 'modem'; serial: string; normalizeSerial: NormalizeSerial }

/** The account a username and password log in as, or null. */
export async function brokerLogin(
  payload: Payload,
  host: BrokerHost,
  username: string,
  password: string,
): Promise<BrokerAccount | null> {
  if (!username || !password) return null
  if (username === INGEST_USERNAME) {
    const expected = Buffer.from(ingestPassword(payload.secret, host.ingestPassword))
    const given = Buffer.from(password)
    return expected.length === given.length && timingSafeEqual(expected, given) ? { kind: 'ingest' } : null
  }
  const serial = host.normalizeSerial(username)
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  const result = await db.execute(sql`select device_key_hash from pumps where serial = ${serial} limit 1`)
  const stored = (result as unknown as { rows: { device_key_hash: string | null }[] }).rows[0]?.device_key_hash
  if (!stored) return null
  const matches = sameHex(stored, host.deviceKeyHash(payload.secret, password))
  return matches ? { kind: 'modem', serial, normalizeSerial: host.normalizeSerial } : null
}

/** Modems publish only under their own `hp/{serial}/`; the ingestion service publishes nothing. */
export function mayPublishAs(account: BrokerAccount, topic: string): boolean {
  return account.kind === 'modem' && mayPublish(account.serial, topic, account.normalizeSerial)
}

/** The ingestion service subscribes to the modem topics (shared or not); a modem only to its own. */
export function maySubscribeAs(account: BrokerAccount, topicFilter: string): boolean {
  const filter = topicFilter.replace(/^\$share\/[^/]+\//, '')
  if (account.kind === 'ingest') return filter === `${TOPIC_ROOT}/#` || filter.startsWith(`${TOPIC_ROOT}/+/`)
  return filter.startsWith(`${TOPIC_ROOT}/${account.serial}/`) && !filter.includes('+')
}
