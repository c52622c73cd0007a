// Proving possession of a pump, the first step of both a partner's claim and an owner's registration: its serial
// and the password printed on it, checked under the throttle, with every attempt recorded.
import bcrypt from 'bcryptjs'
import { type PayloadRequest } from 'payload'

import { type RegistrationOutcome } from '../../domain/registration'
import type { Pump } from '../../payload-types'
import { recordAttempt, reserveAttempt, settleAttempt, type Attempt } from '../attempts'
import { RegistrationRefused, tooManyAttempts } from './refusals'

// A hash to compare with when the serial is unknown, so both wrong answers take as long.
const NO_SUCH_PUMP_HASH = bcrypt.hashSync('no such pump', 10)

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
  const matches = await bcrypt.compare(password, pump?.passwordHash || NO_SUCH_PUMP_HASH)
  return pump && pump.passwordHash && matches ? pump : null
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
