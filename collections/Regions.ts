import type { CollectionConfig } from 'payload'

import { adminOnly, anyone, hiddenUnlessStaff } from '../access'
import { isIanaTimeZone } from '../src/domain/timezone'

export const Regions: CollectionConfig = {
  slug: 'regions',
  labels: {
    singular: { en: 'Region', ru: 'Регион' },
    plural: { en: 'Regions', ru: 'Регионы' },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'code', 'country', 'timezone'],
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
      label: { en: 'Code (ISO 3166-2)', ru: 'Код (ISO 3166-2)' },
    },
    {
      name: 'country',
      type: 'relationship',
      relationTo: 'countries',
      required: true,
      index: true,
      label: { en: 'Country', ru: 'Страна' },
    },
    { name: 'name', type: 'text', required: true, localized: true, label: { en: 'Name', ru: 'Название' } },
    {
      name: 'timezone',
      type: 'text',
      required: true,
      label: { en: 'Time zone (IANA)', ru: 'Часовой пояс (IANA)' },
      admin: { description: { en: 'e.g. Asia/Yekaterinburg', ru: 'например, Asia/Yekaterinburg' } },
      validate: (value: unknown) =>
        (typeof value === 'string' && isIanaTimeZone(value)) || 'Not an IANA time zone name, e.g. Europe/Moscow',
    },
  ],
}
