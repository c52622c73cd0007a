// The owners' app installations that take push messages: registered and removed by the app itself
// (POST/DELETE /api/buyers/me/devices); staff only read them. A token belongs to one owner at a time.
import type { CollectionConfig } from 'payload'

import { hiddenUnlessStaff, nobody, staffOnly } from '../access'

export const Devices: CollectionConfig = {
  slug: 'devices',
  labels: {
    singular: { en: 'App device', ru: 'Устройство приложения' },
    plural: { en: 'App devices', ru: 'Устройства приложения' },
  },
  admin: {
    defaultColumns: ['buyer', 'platform', 'language', 'createdAt'],
    group: { en: 'Logs', ru: 'Журналы' },
    hidden: hiddenUnlessStaff,
  },
  access: { create: nobody, read: staffOnly, update: nobody, delete: nobody },
  fields: [
    {
      name: 'buyer',
      type: 'relationship',
      relationTo: 'buyers',
      required: true,
      index: true,
      label: { en: 'Owner', ru: 'Владелец' },
    },
    { name: 'token', type: 'text', required: true, unique: true, label: { en: 'Push token', ru: 'Push-токен' } },
    {
      name: 'platform',
      type: 'select',
      options: ['ios', 'android', 'web'].map((value) => ({ value, label: value })),
      label: { en: 'Platform', ru: 'Платформа' },
    },
    {
      name: 'language',
      type: 'select',
      required: true,
      defaultValue: 'ru',
      options: [
        { value: 'ru', label: 'Русский' },
        { value: 'en', label: 'English' },
      ],
      label: { en: 'App language', ru: 'Язык приложения' },
    },
  ],
}
