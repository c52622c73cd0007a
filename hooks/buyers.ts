// A buyer's (owner's) card: the phone is the login, in E.164; credentials change only through their proving endpoints.
import crypto from 'node:crypto'
import type { CollectionBeforeValidateHook } from 'payload'

import { buyerOf } from '../access'
import { normalizePhone, PHONE_ERRORS } from '../src/domain/phone'
import { BUYER_CREDENTIALS_CONTEXT_KEY } from '../src/domain/flow'
import { fieldError, fieldErrors, type FieldProblem } from '../src/i18n'
import type { Buyer } from '../src/payload-types'

/** One phone, one buyer: the number is stored in E.164 and doubles as the app's login name. */
export const normalizeBuyerPhone: CollectionBeforeValidateHook<Buyer> = ({ data, req }) => {
  if (!data || data.phone === undefined) return data
  const checked = normalizePhone(String(data.phone ?? ''))
  if (!checked.ok) throw fieldError(req, 'buyers', 'phone', PHONE_ERRORS.invalid)
  data.phone = checked.phone
  data.username = checked.phone
  return data
}

/**
 * Staff create buyer cards without knowing the owner's app password; such a card gets an unguessable one
 * that nobody knows, until the owner proves the phone in the app and sets their own.
 */
export const giveNewBuyerAPassword: CollectionBeforeValidateHook<Buyer> = ({ data, operation }) => {
  if (operation === 'create' && data && !data.password) data.password = crypto.randomBytes(24).toString('base64url')
  return data
}

const PROOF_NEEDED = {
  phone: {
    en: 'The phone changes only with an SMS code: POST /api/buyers/change-phone',
    ru: 'Телефон меняется только с кодом из SMS: POST /api/buyers/change-phone',
  },
  password: {
    en: 'The password changes only with the current one: POST /api/buyers/change-password',
    ru: 'Пароль меняется только с указанием текущего: POST /api/buyers/change-password',
  },
}

/**
 * An owner's phone is their login: a plain update of it (or of the username that mirrors it, or of the password)
 * from the app is refused, naming the field; the proving endpoints do it. Staff edit a buyer's phone in the admin.
 */
export const ownersProveCredentialChanges: CollectionBeforeValidateHook<Buyer> = ({
  context,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!data || operation !== 'update' || buyerOf(req.user) === null || context?.[BUYER_CREDENTIALS_CONTEXT_KEY])
    return data
  const errors: FieldProblem[] = []
  // Runs before normalizeBuyerPhone (which makes the username follow the phone): compare as it will be stored.
  const phone = data.phone === undefined ? undefined : normalizePhone(String(data.phone ?? ''))
  const nextPhone = phone === undefined ? undefined : phone.ok ? phone.phone : data.phone
  if (nextPhone !== undefined && nextPhone !== originalDoc?.phone)
    errors.push({ path: 'phone', message: PROOF_NEEDED.phone })
  if (data.username !== undefined && data.username !== originalDoc?.username) {
    errors.push({ path: 'username', message: PROOF_NEEDED.phone })
  }
  if (typeof data.password === 'string' && data.password !== '')
    errors.push({ path: 'password', message: PROOF_NEEDED.password })
  if (errors.length) throw fieldErrors(req, 'buyers', errors)
  return data
}
