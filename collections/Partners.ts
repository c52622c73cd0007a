import type { CollectionConfig } from 'payload'

import { adminOnly, readPartners, staffOnly } from '../access'
import { assignPartnerId, setPartnerTitle } from '../hooks/partners'
import { partnerAlarmFields } from './partner-alarms'

export const Partners: CollectionConfig = {
  slug: 'partners',
  labels: {
    singular: { en: 'Partner', ru: 'Партнёр' },
    plural: { en: 'Partners', ru: 'Партнёры' },
  },
  admin: {
    // "P-10234 · Teplo Service": the relationship picker searches this, so a partner is found by its ID or
    // by any part of its name.
    useAsTitle: 'title',
    defaultColumns: ['partnerId', 'name', 'taxNumber', 'certified'],
    listSearchableFields: ['partnerId', 'name', 'taxNumber'],
    group: { en: 'Registry', ru: 'Реестр' },
  },
  access: {
    create: adminOnly,
    read: readPartners,
    update: staffOnly,
    delete: adminOnly,
  },
  hooks: {
    beforeValidate: [assignPartnerId],
    beforeChange: [setPartnerTitle],
  },
  fields: [
    {
      name: 'partnerId',
      type: 'text',
      unique: true,
      index: true,
      label: { en: 'Partner ID', ru: 'ID партнёра' },
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: {
          en: 'Generated; give it to the partner together with admin panel access',
          ru: 'Создаётся автоматически; сообщается партнёру вместе с доступом в админку',
        },
      },
      access: { update: () => false },
    },
    { name: 'name', type: 'text', required: true, label: { en: 'Company name', ru: 'Название компании' } },
    { name: 'taxNumber', type: 'text', label: { en: 'Tax number (INN)', ru: 'ИНН' } },
    {
      name: 'contacts',
      type: 'group',
      label: { en: 'Contacts', ru: 'Контакты' },
      fields: [
        { name: 'person', type: 'text', label: { en: 'Contact person', ru: 'Контактное лицо' } },
        { name: 'phone', type: 'text', label: { en: 'Phone', ru: 'Телефон' } },
        { name: 'email', type: 'email', label: { en: 'E-mail', ru: 'E-mail' } },
        { name: 'address', type: 'textarea', label: { en: 'Address', ru: 'Адрес' } },
      ],
    },
    partnerAlarmFields,
    {
      name: 'certified',
      type: 'checkbox',
      defaultValue: false,
      label: { en: 'Certified installer', ru: 'Сертифицированный монтажник' },
      admin: { position: 'sidebar' },
    },
    {
      name: 'title',
      type: 'text',
      index: true,
      label: { en: 'Partner', ru: 'Партнёр' },
      admin: { hidden: true },
      access: { create: () => false, update: () => false },
    },
  ],
}
