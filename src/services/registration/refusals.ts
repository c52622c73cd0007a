// The answers a claim or registration refuses with, each recorded with its outcome in `registrationAttempts`.
import { APIError, type PayloadRequest } from 'payload'

import { type RegistrationOutcome } from '../../domain/registration'
import { inUserLanguage } from '../../i18n'
import { attemptLimits } from '../attempts'

/** A refusal the caller caused (400, 403, 409, 429), recorded with its outcome; logged at info level. */
export class RegistrationRefused extends APIError {
  constructor(
    message: string,
    status: 400 | 403 | 409 | 429,
    readonly outcome?: RegistrationOutcome,
  ) {
    super(message, status)
  }
}

export function wrongCredentials(req: PayloadRequest): RegistrationRefused {
  // One answer for an unknown serial and a wrong password: nobody learns which serials exist.
  return new RegistrationRefused(
    inUserLanguage(req, {
      en: 'The serial number or the pump password is wrong',
      ru: 'Неверный серийный номер или пароль насоса',
    }),
    400,
    'wrong_credentials',
  )
}

export function tooManyAttempts(req: PayloadRequest): RegistrationRefused {
  const minutes = Math.ceil(attemptLimits().windowMs / 60_000)
  return new RegistrationRefused(
    inUserLanguage(req, {
      en: `Too many failed attempts: try again in ${minutes} minutes`,
      ru: `Слишком много неудачных попыток: попробуйте снова через ${minutes} минут`,
    }),
    429,
    'throttled',
  )
}
