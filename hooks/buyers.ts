import crypto from 'node:crypto'
import type { CollectionBeforeValidateHook } from 'payload'

import { normalizePhone, PHONE_ERRORS } from '../src/domain/phone'
import { fieldError } from './errors'

/** One phone, one buyer: the number is stored in E.164 and doubles as the app's login name. */
export const normalizeBuyerPhone: CollectionBeforeValidateHook = ({ data, req }) => {
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
export const giveNewBuyerAPassword: CollectionBeforeValidateHook = ({ data, operation }) => {
  if (operation === 'create' && data && !data.password) data.password = crypto.randomBytes(24).toString('base64url')
  return data
}
