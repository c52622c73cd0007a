// Staff and partner accounts: the first one is an administrator, and a partner account belongs to a company.
import type { CollectionBeforeChangeHook, CollectionBeforeValidateHook } from 'payload'

import { fieldError } from '../src/i18n'
import type { User } from '../src/payload-types'

/** The very first account (Payload's "create first user" screen) becomes an administrator. */
export const firstUserIsAdmin: CollectionBeforeValidateHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  if (totalDocs === 0) data.role = 'admin'
  return data
}

/** A partner account without a company would see nothing and could claim nothing: refuse it. */
export const requirePartnerForPartnerRole: CollectionBeforeChangeHook<User> = ({ data, originalDoc, req }) => {
  const role = data.role ?? originalDoc?.role
  const partner = data.partner !== undefined ? data.partner : originalDoc?.partner
  if (role === 'partner' && !partner) {
    throw fieldError(req, 'users', 'partner', {
      en: 'A partner account needs its partner company',
      ru: 'Для роли «Партнёр» укажите компанию-партнёра',
    })
  }
  if (role !== 'partner' && data.partner) data.partner = null
  return data
}
