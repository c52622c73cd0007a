// An owner changes their own credentials from the app, each with its proof: the password with the current one, the
// phone (their login) with the SMS code sent to the new number. Plain updates of either are refused (hooks/buyers.ts).
import { Forbidden, type PayloadRequest } from 'payload'

import { buyerOf } from '../../access'
import { BUYER_CREDENTIALS_CONTEXT_KEY } from '../domain/flow'
import { fieldError, fieldErrors, inUserLanguage } from '../i18n'
import { normalizePhone, PHONE_ERRORS } from '../domain/phone'
import type { Buyer } from '../payload-types'
import { checkAccountPassword, PasswordRefused } from './passwords'
import { codeProblems, newPasswordProblems, text, type Problem } from './registration/input'
import { consumePhoneCode } from './registration/phone-codes'
import { RegistrationRefused } from './registration/refusals'

async function signedInBuyer(req: PayloadRequest): Promise<Buyer> {
  const id = buyerOf(req.user)
  if (id === null) throw new Forbidden(req.t)
  return req.payload.findByID({ collection: 'buyers', id, depth: 0, overrideAccess: true })
}

export type PasswordChange = { currentPassword?: unknown; password?: unknown }

/** The current password (counted toward the lockout like a login) proves the owner; then the new one is set. */
export async function changeBuyerPassword(req: PayloadRequest, input: PasswordChange): Promise<void> {
  const buyer = await signedInBuyer(req)
  const problems: Problem[] = []
  const current = text(input, 'currentPassword', problems, true)
  const password = text(input, 'password', problems, true)
  newPasswordProblems(password, problems)
  if (problems.length) throw fieldErrors(req, 'buyers', problems)
  const check = await checkAccountPassword(
    req,
    { collection: 'buyers', username: buyer.username ?? buyer.phone },
    current!,
  )
  if (check === 'locked') {
    throw new PasswordRefused(
      inUserLanguage(req, {
        en: 'Your account is locked after too many wrong passwords; try again later',
        ru: 'Учётная запись заблокирована после нескольких неверных паролей; попробуйте позже',
      }),
    )
  }
  if (check === 'wrong') {
    throw fieldError(req, 'buyers', 'currentPassword', { en: 'Wrong current password', ru: 'Неверный текущий пароль' })
  }
  // With the caller's req, Payload keeps the session in use and ends the account's other sign-ins.
  await req.payload.update({
    collection: 'buyers',
    id: buyer.id,
    data: { password },
    req,
    overrideAccess: true,
    context: { [BUYER_CREDENTIALS_CONTEXT_KEY]: true },
  })
}

export type PhoneChange = { phone?: unknown; code?: unknown }

/** The code sent to the new number (POST /api/buyers/request-code) proves it; the login follows the phone. */
export async function changeBuyerPhone(req: PayloadRequest, input: PhoneChange): Promise<Buyer> {
  const buyer = await signedInBuyer(req)
  const problems: Problem[] = []
  const raw = text(input, 'phone', problems, true)
  const code = text(input, 'code', problems, true)
  const checked = raw === undefined ? null : normalizePhone(raw)
  if (checked && !checked.ok) problems.push({ path: 'phone', message: PHONE_ERRORS.invalid })
  if (checked?.ok && checked.phone === buyer.phone) {
    problems.push({ path: 'phone', message: { en: 'This is already your phone', ru: 'Это и так ваш телефон' } })
  }
  codeProblems(code, problems)
  if (problems.length || !checked?.ok) throw fieldErrors(req, 'buyers', problems)
  const phone = checked.phone
  if (!(await consumePhoneCode(req, phone, code!.trim()))) {
    throw fieldError(req, 'buyers', 'code', { en: 'Wrong or expired code', ru: 'Неверный или просроченный код' })
  }
  // The caller has just proven the number is theirs, so saying it has an account tells them nothing new.
  const taken = await req.payload.count({
    collection: 'buyers',
    where: { phone: { equals: phone } },
    overrideAccess: true,
  })
  if (taken.totalDocs > 0) {
    throw new RegistrationRefused(
      inUserLanguage(req, {
        en: 'This number already has an account: sign in with it instead',
        ru: 'На этот номер уже есть учётная запись: войдите с ним',
      }),
      409,
    )
  }
  return req.payload.update({
    collection: 'buyers',
    id: buyer.id,
    data: { phone },
    depth: 0,
    overrideAccess: true,
    context: { [BUYER_CREDENTIALS_CONTEXT_KEY]: true },
  })
}
