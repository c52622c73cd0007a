import type { CollectionConfig } from 'payload'

import { adminOnly, anyone, hiddenUnlessStaff } from '../access'

export const Countries: CollectionConfig = {
  slug: 'countries',
  labels: {
    singular: { en: 'Country', ru: 'Страна' },
    plural: { en: 'Countries', ru: 'Страны' },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'code'],
    listSearchableFields: ['name', 'code'],
    group: { en: 'Reference lists', ru: 'Справочники' },
    hidden: hiddenUnlessStaff,
  },
  defaultSort: 'name',
  access: { create: adminOnly, read: anyone, update: adminOnly, delete: adminOnly },
  fields: [
    {
      name: 'code',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      label: { en: 'ISO 3166-1 code', ru: 'Код ISO 3166-1' },
      validate: (value: unknown) => /^[A-Z]{2}$/.test(String(value ?? '')) || 'ISO 3166-1 alpha-2, e.g. RU',
    },
    { name: 'name', type: 'text', required: true, localized: true, label: { en: 'Name', ru: 'Название' } },
  ],
}
