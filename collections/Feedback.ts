import type { CollectionConfig } from 'payload'

import { adminOnly, hiddenUnlessStaff, nobody, staffOnly } from '../access'

/** Messages owners send from the mobile app's feedback form (POST /api/buyers/feedback). */
export const Feedback: CollectionConfig = {
  slug: 'feedback',
  labels: {
    singular: { en: 'Feedback message', ru: 'Обращение' },
    plural: { en: 'Feedback', ru: 'Обратная связь' },
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['createdAt', 'buyer', 'email', 'message', 'handled'],
    group: { en: 'Registry', ru: 'Реестр' },
    hidden: hiddenUnlessStaff,
  },
  defaultSort: '-createdAt',
  access: { create: nobody, read: staffOnly, update: staffOnly, delete: adminOnly },
  fields: [
    {
      name: 'buyer',
      type: 'relationship',
      relationTo: 'buyers',
      // Not required: the message stays when the buyer card is deleted.
      label: { en: 'Owner', ru: 'Владелец' },
      access: { update: () => false },
    },
    {
      name: 'email',
      type: 'email',
      required: true,
      label: { en: 'E-mail', ru: 'E-mail' },
      access: { update: () => false },
    },
    {
      name: 'message',
      type: 'textarea',
      required: true,
      label: { en: 'Message', ru: 'Сообщение' },
      access: { update: () => false },
    },
    {
      name: 'handled',
      type: 'checkbox',
      defaultValue: false,
      label: { en: 'Handled', ru: 'Обработано' },
      admin: { position: 'sidebar' },
    },
  ],
}
