// What an import hands back once (the label sheet's passwords, the flashing station's device keys), kept only
// sealed: AES-256-GCM under a key that lives in the download link alone, so the database never holds a secret in
// the clear, and taking a handout deletes it, so it cannot be downloaded a second time.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDb } from '../transaction'

export type HandoutKind = 'labels' | 'flashing'
export type LabelEntry = { serial: string; model: string; password: string }
export type FlashingEntry = { serial: string; deviceKey: string }
export type HandoutContent = { kind: 'labels'; entries: LabelEntry[] } | { kind: 'flashing'; entries: FlashingEntry[] }
export type Taken = HandoutContent & { batch: string; pumps: number[] }

/** Handouts nobody took are dropped after this long (their secrets are then lost: reissue them per pump). */
export const HANDOUT_LIFETIME_HOURS = 24

type Rows<T> = { rows: T[] }

function seal(plain: Buffer, key: Buffer): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

function unseal(sealed: Buffer, key: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
  decipher.setAuthTag(sealed.subarray(12, 28))
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()])
}

/** Stores a handout in the request's transaction (it lands with the import or not at all); returns its token. */
export async function storeHandout(
  req: PayloadRequest,
  batch: string,
  pumps: number[],
  content: HandoutContent,
): Promise<string> {
  const id = randomUUID()
  const key = randomBytes(32)
  const sealed = seal(Buffer.from(JSON.stringify({ entries: content.entries, pumps })), key)
  const db = await transactionDb(req)
  await db.execute(
    sql`delete from factory_handouts where created_at < now() - make_interval(hours => ${HANDOUT_LIFETIME_HOURS})`,
  )
  await db.execute(sql`insert into factory_handouts (id, user_id, kind, batch, sealed)
    values (${id}, ${Number(req.user!.id)}, ${content.kind}, ${batch}, ${sealed})`)
  return `${id}.${key.toString('base64url')}`
}

/** The handout, once: deleted as it is taken. Null for an unknown, taken, foreign or tampered token. */
export async function takeHandout(req: PayloadRequest, kind: HandoutKind, token: string): Promise<Taken | null> {
  const match = /^([0-9a-f-]{36})\.([\w-]{43})$/.exec(token)
  if (!match || !req.user) return null
  const db = await transactionDb(req)
  const result = (await db.execute(sql`delete from factory_handouts
    where id = ${match[1]} and kind = ${kind} and user_id = ${Number(req.user.id)}
    returning batch, sealed`)) as unknown as Rows<{ batch: string; sealed: Buffer }>
  const row = result.rows[0]
  if (!row) return null
  try {
    const plain = JSON.parse(unseal(row.sealed, Buffer.from(match[2], 'base64url')).toString('utf8'))
    return { kind, entries: plain.entries, pumps: plain.pumps, batch: row.batch } as Taken
  } catch {
    return null
  }
}
