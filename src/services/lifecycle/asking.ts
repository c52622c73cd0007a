// What every status change asked for by a person checks first: that the caller sees the pump, may change it, and
// confirms with their own account password; and the comment they add.
import { NotFound, type PayloadRequest } from 'payload'

import { isStaff } from '../../../access'
import { DATA_PROBLEM_MESSAGES, MAX_TEXT_LENGTH } from '../../domain/lifecycle'
import { isBlank, REQUIRED } from '../../domain/messages'
import { fieldError, inUserLanguage } from '../../i18n'
import type { Pump } from '../../payload-types'
import { requireOwnPassword } from '../passwords'
import { TransitionRefused } from './change-status'

/** The caller confirms with their own account password; a wrong one counts toward the lockout like a failed login. */
export async function confirmOwnPassword(req: PayloadRequest, password: unknown): Promise<void> {
  if (typeof password !== 'string' || password === '') {
    throw fieldError(req, 'pumps', 'password', { en: 'Enter your password', ru: 'Введите свой пароль' })
  }
  await requireOwnPassword(req, password, {
    en: 'Wrong password: the status was not changed',
    ru: 'Неверный пароль: статус не изменён',
  })
}

/** The pump if the caller may read it, with its hidden hashes (whether it has a password and a device key): for the
 * service's own use, never returned. */
export async function visiblePump(req: PayloadRequest, id: unknown): Promise<Pump> {
  const pumpId = Number(id)
  if (!Number.isSafeInteger(pumpId)) throw new NotFound(req.t)
  try {
    return await req.payload.findByID({
      collection: 'pumps',
      id: pumpId,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      showHiddenFields: true,
      req,
    })
  } catch {
    throw new NotFound(req.t)
  }
}

export function checkedComment(req: PayloadRequest, comment: unknown, required: boolean): string | undefined {
  if (isBlank(comment)) {
    if (required) throw fieldError(req, 'pumps', 'comment', REQUIRED)
    return undefined
  }
  if (typeof comment !== 'string') throw fieldError(req, 'pumps', 'comment', DATA_PROBLEM_MESSAGES.text)
  if (comment.trim().length > MAX_TEXT_LENGTH) throw fieldError(req, 'pumps', 'comment', DATA_PROBLEM_MESSAGES.tooLong)
  return comment.trim()
}

export function onlyStaff(req: PayloadRequest): void {
  if (!isStaff(req.user)) {
    throw new TransitionRefused(
      inUserLanguage(req, {
        en: 'Only service engineers and administrators change a pump’s status',
        ru: 'Статус насоса меняют только сервисные инженеры и администраторы',
      }),
      403,
    )
  }
}
