import type { CollectionConfig } from 'payload'

import { adminOnly, anyone, hiddenUnlessStaff } from '../access'

export const ObjectTypes: CollectionConfig = {
  slug: 'objectTypes',
  labels: {
    singular: { en: 'Object type', ru: 'Тип объекта' },
    plural: { en: 'Object types', ru: 'Типы объектов' },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'code'],
    group: { en: 'Reference lists', ru: 'Справочники' },
    hidden: hiddenUnlessStaff,
  },
  access: { create: adminOnly, read: anyone, update: adminOnly, delete: adminOnly },
  fields: [
    { name: 'code', type: 'text', required: true, unique: true, label: { en: 'Code', ru: 'Код' } },
    { name: 'name', type: 'text', required: true, localized: true, label: { en: 'Name', ru: 'Название' } },
  ],
}
