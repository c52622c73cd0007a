// Proving the buyer in an owner's registration: a phone that already has an account is proven by being signed in
// as it, by the account's password, or by a one-time SMS code; a new phone gets a buyer card with the app password.
import { type PayloadRequest } from 'payload'

import { buyerOf } from '../../../access'
import { BUYER_CREDENTIALS_CONTEXT_KEY } from '../../domain/flow'
import { sameId } from '../../domain/pump'
import { fieldError, inUserLanguage } from '../../i18n'
import type { Buyer } from '../../payload-types'
import { checkAccountPassword } from '../passwords'
import { CHOOSE_PASSWORD, type OwnerInput } from './owner-input'
import { consumePhoneCode } from './phone-codes'
import { RegistrationRefused } from './refusals'

/** The buyer the registration acts for, and whether the answer signs them in (false: they keep their token). */
export type ProvenBuyer = { buyer: Buyer; canLogIn: boolean }

/** The phone's account, proven by one of the three ways, or 403 `phone_not_proven`. */
async function proveExistingBuyer(req: PayloadRequest, existing: Buyer, input: OwnerInput): Promise<ProvenBuyer> {
  const { phone, password, code } = input
  const bySignIn = sameId(buyerOf(req.user), existing.id)
  const byCode = !bySignIn && code !== undefined && (await consumePhoneCode(req, phone, code.trim()))
  const byPassword =
    !bySignIn &&
    code === undefined &&
    password !== undefined &&
    (await checkAccountPassword(req, { collection: 'buyers', username: phone }, password)) === 'right'
  if (!bySignIn && !byCode && !byPassword) {
    throw new RegistrationRefused(
      inUserLanguage(req, {
        en: 'This phone number already has an account: sign in, give its password, or confirm the number with the SMS code (POST /api/buyers/request-code)',
        ru: 'На этот номер уже есть учётная запись: войдите, укажите её пароль или подтвердите номер кодом из SMS (POST /api/buyers/request-code)',
      }),
      403,
      'phone_not_proven',
    )
  }
  // Signed in already: the caller keeps the token it has.
  if (!byCode) return { buyer: existing, canLogIn: byPassword }
  // The code proved the phone: the owner sets the app password anew.
  const buyer = await req.payload.update({
    collection: 'buyers',
    id: existing.id,
    data: { password },
    req,
    overrideAccess: true,
    context: { [BUYER_CREDENTIALS_CONTEXT_KEY]: true },
  })
  return { buyer, canLogIn: true }
}

/** The buyer with this phone, proven, or a new one; call inside the registration's transaction and phone lock. */
export async function proveBuyer(req: PayloadRequest, input: OwnerInput): Promise<ProvenBuyer> {
  const { phone, password } = input
  const { docs } = await req.payload.find({
    collection: 'buyers',
    where: { phone: { equals: phone } },
    depth: 0,
    limit: 1,
    req,
    overrideAccess: true,
  })
  const existing = docs[0] as Buyer | undefined
  if (existing) return proveExistingBuyer(req, existing, input)
  if (password === undefined) throw fieldError(req, 'buyers', 'password', CHOOSE_PASSWORD)
  const buyer = await req.payload.create({
    collection: 'buyers',
    data: { phone, username: phone, password },
    req,
    overrideAccess: true,
  })
  return { buyer, canLogIn: true }
}
