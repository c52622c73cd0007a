// Reading what a claim, a registration or an account change sends: each input is text of a bounded length, and
// what is wrong with it is collected as field problems, answered together in one 400.
import { type PayloadRequest } from 'payload'

import { isBlank, REQUIRED } from '../../domain/messages'
import { BUYER_PASSWORD_MIN_LENGTH, INPUT_MAX_LENGTH, normalizeSerial, PHONE_CODE } from '../../domain/registration'
import { fieldErrors, type FieldProblem, type Message } from '../../i18n'
import { recordAttempt, type Attempt } from '../attempts'

export type Problem = FieldProblem & { oversized?: boolean }

const NOT_TEXT: Message = { en: 'Must be text', ru: 'Должно быть текстом' }

/** The input `name` as text, or undefined with its problem noted (missing when required, not text, too long). */
export function text(
  input: Record<string, unknown>,
  name: string,
  problems: Problem[],
  required: boolean,
): string | undefined {
  const value = input[name]
  if (isBlank(value)) {
    if (required) problems.push({ path: name, message: REQUIRED })
    return undefined
  }
  if (typeof value !== 'string') {
    problems.push({ path: name, message: NOT_TEXT })
    return undefined
  }
  const max = INPUT_MAX_LENGTH[name]
  if (max !== undefined && value.length > max) {
    // Refused before anything else looks at it (normalising, lookups, the log).
    problems.push({
      path: name,
      message: { en: `At most ${max} characters`, ru: `Не длиннее ${max} символов` },
      oversized: true,
    })
    return undefined
  }
  return value
}

/** A new app password that is too short. */
export function newPasswordProblems(password: string | undefined, problems: Problem[]): void {
  if (password !== undefined && password.length < BUYER_PASSWORD_MIN_LENGTH) {
    problems.push({
      path: 'password',
      message: {
        en: `At least ${BUYER_PASSWORD_MIN_LENGTH} characters`,
        ru: `Не короче ${BUYER_PASSWORD_MIN_LENGTH} символов`,
      },
    })
  }
}

/** An SMS code that is not the right number of digits. */
export function codeProblems(code: string | undefined, problems: Problem[]): void {
  if (code !== undefined && !new RegExp(`^\\d{${PHONE_CODE.digits}}$`).test(code.trim())) {
    problems.push({
      path: 'code',
      message: { en: `${PHONE_CODE.digits} digits from the SMS`, ru: `${PHONE_CODE.digits} цифр из SMS` },
    })
  }
}

/** An oversized input is refused (400) and, in the claim and registration flows, still recorded (serial truncated). */
export async function refuseInvalid(
  req: PayloadRequest,
  collection: 'pumps' | 'buyers',
  problems: Problem[],
  attempt?: Attempt,
): Promise<never> {
  if (attempt && problems.some((problem) => problem.oversized)) await recordAttempt(req, attempt, 'invalid_input')
  throw fieldErrors(req, collection, problems)
}

/** The serial as typed, cut to what the log keeps, when it was too long to take. */
export function truncatedSerial(input: { serial?: unknown }): string | undefined {
  return typeof input.serial === 'string' ? normalizeSerial(input.serial.slice(0, 200)) : undefined
}
