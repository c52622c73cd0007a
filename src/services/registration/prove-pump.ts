// Proving possession of a pump, the first step of both a partner's claim and an owner's registration: its serial
// and the password printed on it, checked under the throttle, with every attempt recorded.
import { type PayloadRequest } from 'payload'

import { type RegistrationOutcome } from '../../domain/registration'
import type { Pump } from '../../payload-types'
import { pumpPasswordMatches } from '../pump-passwords'
import { recordAttempt, reserveAttempt, settleAttempt, type Attempt } from '../attempts'
import { RegistrationRefused, tooManyAttempts } from './refusals'

/** The pump, if the serial exists and the password printed on it is right. */
export async function provePump(req: PayloadRequest, serial: string, password: string): Promise<Pump | null> {
  const { docs } = await req.payload.find({
    collection: 'pumps',
    where: { serial: { equals: serial } },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    showHiddenFields: true,
  })
  const pump = docs[0]
  // Constant-time and as long whether the serial exists, and whatever kind of hash it has (src/services/pump-passwords.ts).
  const matches = await pumpPasswordMatches(req.payload.secret, pump?.passwordHash, password)
  return pump && matches ? pump : null
}

/**
 * Reserves the attempt under the throttle (src/services/attempts.ts), runs it, and records its real outcome;
 * refusals are passed on. Anything else that goes wrong after the reservation is not a guess: `invalid_input`.
 */
export async function attempted<T>(
  req: PayloadRequest,
  attempt: Attempt,
  work: () => Promise<{ result: T; outcome: RegistrationOutcome }>,
): Promise<T> {
  const reserved = await reserveAttempt(req, attempt)
  if (reserved === null) {
    await recordAttempt(req, attempt, 'throttled')
    throw tooManyAttempts(req)
  }
  try {
    const { result, outcome } = await work()
    await settleAttempt(req, reserved, attempt, outcome)
    return result
  } catch (error) {
    const outcome = error instanceof RegistrationRefused && error.outcome ? error.outcome : 'invalid_input'
    await settleAttempt(req, reserved, attempt, outcome)
    throw error
  }
}
