// The registration throttle, as one atomic step: under advisory locks on every key (serial, account, phone, client
// address), count the recent failures and, under the limits, record this attempt as a failure before the password is
// checked; the outcome is corrected afterwards. Concurrent guesses therefore see each other: at most the limit of
// password checks per key, however many arrive at once.
//
// Policy (issue 9, finding 10): the guesser is throttled (5 failures in 15 minutes per partner account, per phone
// and per client address); the serial only at a much higher rate from everyone together (30), so a stranger
// needs many addresses to lock a label, and the holder of the label is not locked out by a few wrong guesses.
// A right password is never let through a throttle: that would turn 429/400 into a password oracle.
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type PayloadRequest, type Where } from 'payload'

import {
  FAILED_OUTCOMES,
  isThrottled,
  LOGGED_SERIAL_LENGTH,
  type AttemptLimits,
  type RegistrationFlow,
  type RegistrationOutcome,
} from '../domain/registration'
import { settings } from '../settings'
import { inTransaction, transactionDb } from './transaction'

export type Attempt = {
  flow: RegistrationFlow
  serial?: string
  pump?: number
  user?: number
  phone?: string
  clientAddress?: string
}

export function attemptLimits(): AttemptLimits {
  return {
    guesserFailures: settings.registrationGuesserFailures,
    serialFailures: settings.registrationSerialFailures,
    windowMs: settings.registrationWindowSeconds * 1000,
  }
}

/** The guesser's own keys: the partner account, or the owner's phone and the client's address. */
function guesserWhere(attempt: Attempt): Where[] {
  const who: Where[] = []
  if (attempt.user !== undefined) who.push({ user: { equals: attempt.user } })
  if (attempt.phone) who.push({ phone: { equals: attempt.phone } })
  if (attempt.clientAddress && attempt.clientAddress !== 'unknown')
    who.push({ clientAddress: { equals: attempt.clientAddress } })
  return who
}

function lockKeys(attempt: Attempt): string[] {
  const keys = [
    attempt.serial && `serial:${attempt.serial}`,
    attempt.user !== undefined && `user:${attempt.user}`,
    attempt.phone && `phone:${attempt.phone}`,
    attempt.clientAddress && attempt.clientAddress !== 'unknown' && `address:${attempt.clientAddress}`,
  ].filter((key): key is string => Boolean(key))
  // Always in the same order, so two attempts sharing keys cannot deadlock.
  return keys.map((key) => `registration:${key}`).sort()
}

function row(attempt: Attempt, outcome: RegistrationOutcome) {
  return {
    flow: attempt.flow,
    serial: attempt.serial?.slice(0, LOGGED_SERIAL_LENGTH) ?? null,
    pump: attempt.pump ?? null,
    user: attempt.user ?? null,
    phone: attempt.phone ?? null,
    clientAddress: attempt.clientAddress ?? null,
    outcome,
  }
}

/** Written on its own (not in the caller's transaction): a refused attempt must stay recorded. */
export async function recordAttempt(
  req: PayloadRequest,
  attempt: Attempt,
  outcome: RegistrationOutcome,
): Promise<void> {
  await req.payload.create({ collection: 'registrationAttempts', data: row(attempt, outcome), overrideAccess: true })
}

/**
 * Counts and reserves in one transaction under the keys' locks. Returns the reserved attempt's id (recorded as a
 * failure), or null when throttled (nothing reserved; the caller records `throttled` and answers 429).
 */
export async function reserveAttempt(req: PayloadRequest, attempt: Attempt): Promise<number | null> {
  const limits = attemptLimits()
  const local = await createLocalReq({ req: { i18n: req.i18n, t: req.t } }, req.payload)
  return inTransaction(local, async () => {
    const db = await transactionDb(local)
    for (const key of lockKeys(attempt))
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`)
    const recent: Where[] = [
      { outcome: { in: FAILED_OUTCOMES } },
      { createdAt: { greater_than: new Date(Date.now() - limits.windowMs).toISOString() } },
    ]
    const count = async (who: Where[]) =>
      who.length
        ? (
            await req.payload.count({
              collection: 'registrationAttempts',
              where: { and: [...recent, { or: who }] },
              req: local,
              overrideAccess: true,
            })
          ).totalDocs
        : 0
    const guesser = await count(guesserWhere(attempt))
    const serial = attempt.serial
      ? await count([{ serial: { equals: attempt.serial.slice(0, LOGGED_SERIAL_LENGTH) } }])
      : 0
    if (isThrottled({ guesser, serial }, limits)) return null
    const reserved = await req.payload.create({
      collection: 'registrationAttempts',
      data: row(attempt, 'wrong_credentials'),
      req: local,
      overrideAccess: true,
    })
    return reserved.id
  })
}

/** The reserved attempt's real outcome, once known. */
export async function settleAttempt(
  req: PayloadRequest,
  id: number,
  attempt: Attempt,
  outcome: RegistrationOutcome,
): Promise<void> {
  if (outcome === 'wrong_credentials' && attempt.pump === undefined) return
  await req.payload.update({
    collection: 'registrationAttempts',
    id,
    data: { outcome, pump: attempt.pump ?? null },
    overrideAccess: true,
  })
}
