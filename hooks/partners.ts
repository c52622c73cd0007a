// A partner company's ID and the title the admin shows it by, set by the server, never typed by a user.
import type { CollectionBeforeChangeHook, CollectionBeforeValidateHook } from 'payload'

import { randomPartnerId } from '../src/domain/partner-id'
import type { Partner } from '../src/payload-types'

/** A new partner gets a free random ID (never one typed by a user). */
export const assignPartnerId: CollectionBeforeValidateHook<Partner> = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = randomPartnerId()
    const { totalDocs } = await req.payload.count({
      collection: 'partners',
      where: { partnerId: { equals: candidate } },
      req,
      overrideAccess: true,
    })
    if (totalDocs === 0) {
      data.partnerId = candidate
      return data
    }
  }
  throw new Error('Could not find a free partner ID after 20 attempts')
}

/** The title the admin's pickers show and search: "P-10234 · Teplo Service". */
export const setPartnerTitle: CollectionBeforeChangeHook<Partner> = ({ data, originalDoc }) => {
  const partnerId = data.partnerId ?? originalDoc?.partnerId
  const name = data.name ?? originalDoc?.name
  data.title = [partnerId, name].filter(Boolean).join(' · ')
  return data
}
