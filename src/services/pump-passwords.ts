// The password printed on a pump: a generated one (about 60 bits) is kept as a keyed hash, cheap enough to import
// ten thousand pumps at once; one a person typed stays bcrypt. Verification is constant-time whichever it is.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

import bcrypt from 'bcryptjs'

import { generateLabelPassword } from '../domain/lifecycle'

const KEYED_PREFIX = 'hmac-sha256:'

// A bcrypt hash to compare with when the pump has none or a keyed one, so every check costs one bcrypt compare.
const DUMMY_BCRYPT = bcrypt.hashSync('no such pump', 10)

/** A generated label password's keyed hash (never a typed one's: those can be guessed offline from a stolen key). */
export function labelPasswordHash(secret: string, password: string): string {
  return KEYED_PREFIX + createHmac('sha256', secret).update(`pump-password:${password}`).digest('hex')
}

/** A new label password (12 characters of a 32-letter alphabet: 60 bits) and its keyed hash. */
export function generatePumpPassword(secret: string): { password: string; hash: string } {
  const password = generateLabelPassword(randomInt)
  return { password, hash: labelPasswordHash(secret, password) }
}

function keyedMatches(secret: string, stored: string, password: string): boolean {
  const expected = Buffer.from(stored.slice(KEYED_PREFIX.length), 'hex')
  const actual = Buffer.from(labelPasswordHash(secret, password).slice(KEYED_PREFIX.length), 'hex')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/**
 * Whether the password matches the stored hash (keyed or bcrypt; none never matches). It always runs one bcrypt
 * compare and one keyed one, so the answer's time says nothing about which kind the pump has, or whether it exists.
 */
export async function pumpPasswordMatches(
  secret: string,
  stored: string | null | undefined,
  password: string,
): Promise<boolean> {
  const keyed = typeof stored === 'string' && stored.startsWith(KEYED_PREFIX)
  const bcryptHash = stored && !keyed ? stored : DUMMY_BCRYPT
  const [bcryptMatch, keyedMatch] = [
    await bcrypt.compare(password, bcryptHash),
    keyedMatches(secret, keyed ? stored : `${KEYED_PREFIX}${'0'.repeat(64)}`, password),
  ]
  if (!stored) return false
  return keyed ? keyedMatch : bcryptMatch
}
