import type { CollectionConfig } from 'payload'

import { adminOnly, anyone, hiddenUnlessStaff } from '../access'
import { modelTelemetryField } from './model-telemetry'
import { alarmCatalogEndpoints, alarmCatalogField } from './model-alarms'

export const Models: CollectionConfig = {
  slug: 'models',
  labels: {
    singular: { en: 'Pump model', ru: 'Модель насоса' },
    plural: { en: 'Pump models', ru: 'Модели насосов' },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'code', 'manual'],
    group: { en: 'Catalogue', ru: 'Каталог' },
    hidden: hiddenUnlessStaff,
  },
  access: { create: adminOnly, read: anyone, update: adminOnly, delete: adminOnly },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'name', type: 'text', required: true, label: { en: 'Name', ru: 'Название' } },
        { name: 'code', type: 'text', required: true, unique: true, label: { en: 'Code', ru: 'Код' } },
      ],
    },
    {
      name: 'manual',
      type: 'upload',
      relationTo: 'manuals',
      label: { en: 'Installation and operation manual (PDF)', ru: 'Руководство по монтажу и эксплуатации (PDF)' },
    },
    { name: 'specs', type: 'richText', label: { en: 'Specifications', ru: 'Характеристики' } },
    modelTelemetryField,
    alarmCatalogField,
  ],
  endpoints: alarmCatalogEndpoints,
}
