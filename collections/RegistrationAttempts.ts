import type { CollectionConfig } from 'payload'

import { adminOnly, hiddenUnlessStaff, nobody, staffOnly } from '../access'
import {
  REGISTRATION_FLOW_LABELS,
  REGISTRATION_FLOWS,
  REGISTRATION_OUTCOME_LABELS,
  REGISTRATION_OUTCOMES,
} from '../src/domain/registration'

/**
 * Every attempt to claim or register a pump with its serial and printed password, good or bad: the audit log, and
 * what the throttling counts. Written by the registration service only.
 */
export const RegistrationAttempts: CollectionConfig = {
  slug: 'registrationAttempts',
  labels: {
    singular: { en: 'Registration attempt', ru: 'Попытка регистрации' },
    plural: { en: 'Registration attempts', ru: 'Попытки регистрации' },
  },
  admin: {
    defaultColumns: ['createdAt', 'flow', 'serial', 'outcome', 'user', 'phone', 'clientAddress'],
    group: { en: 'Logs', ru: 'Журналы' },
    hidden: hiddenUnlessStaff,
  },
  defaultSort: '-createdAt',
  access: { create: nobody, read: staffOnly, update: nobody, delete: adminOnly },
  fields: [
    {
      name: 'flow',
      type: 'select',
      required: true,
      options: REGISTRATION_FLOWS.map((value) => ({ value, label: REGISTRATION_FLOW_LABELS[value] })),
      label: { en: 'Where', ru: 'Откуда' },
    },
    {
      name: 'serial',
      type: 'text',
      index: true,
      label: { en: 'Serial number (as typed)', ru: 'Серийный номер (как введён)' },
    },
    { name: 'pump', type: 'relationship', relationTo: 'pumps', label: { en: 'Heat pump', ru: 'Тепловой насос' } },
    {
      name: 'outcome',
      type: 'select',
      required: true,
      index: true,
      options: REGISTRATION_OUTCOMES.map((value) => ({ value, label: REGISTRATION_OUTCOME_LABELS[value] })),
      label: { en: 'Outcome', ru: 'Результат' },
    },
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      label: { en: 'Partner user', ru: 'Пользователь партнёра' },
    },
    { name: 'phone', type: 'text', index: true, label: { en: 'Owner’s phone', ru: 'Телефон владельца' } },
    { name: 'clientAddress', type: 'text', index: true, label: { en: 'Client address', ru: 'Адрес клиента' } },
  ],
  timestamps: true,
}
