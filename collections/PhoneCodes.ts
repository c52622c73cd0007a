import type { CollectionConfig } from 'payload'

import { nobody } from '../access'

/**
 * One-time codes sent by SMS to prove a phone number. Only a keyed hash of the code is kept; nobody reads this
 * collection through the API or the admin panel.
 */
export const PhoneCodes: CollectionConfig = {
  slug: 'phoneCodes',
  labels: {
    singular: { en: 'Phone code', ru: 'Код подтверждения' },
    plural: { en: 'Phone codes', ru: 'Коды подтверждения' },
  },
  admin: { hidden: true },
  access: { create: nobody, read: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'phone', type: 'text', required: true, index: true },
    { name: 'codeHash', type: 'text', required: true },
    { name: 'expiresAt', type: 'date', required: true },
    { name: 'checks', type: 'number', defaultValue: 0 },
    { name: 'used', type: 'checkbox', defaultValue: false },
    // Who asked for it: the per-requester limit counts these.
    { name: 'clientAddress', type: 'text', index: true },
  ],
}
