// What the factory's operations ask of the person: their own password (like a status change: a wrong one counts
// toward the lockout), and a file problem as a 400 on the `file` field.
import type { PayloadRequest, ValidationError } from 'payload'

import { fieldError, type Message } from '../../i18n'
import { requireOwnPassword } from '../passwords'

/** `nothing` says what did not happen: "Wrong password: no pumps were imported". */
export async function confirmFactoryPassword(req: PayloadRequest, password: unknown, nothing: Message): Promise<void> {
  if (typeof password !== 'string' || password === '') {
    throw fieldError(req, 'pumps', 'password', { en: 'Enter your password', ru: 'Введите свой пароль' })
  }
  await requireOwnPassword(req, password, {
    en: `Wrong password: ${nothing.en}`,
    ru: `Неверный пароль: ${nothing.ru}`,
  })
}

export function fileProblem(req: PayloadRequest, message: Message): ValidationError {
  return fieldError(req, 'pumps', 'file', message)
}
