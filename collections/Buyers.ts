import type { CollectionConfig } from 'payload'

import { adminOnly, hiddenUnlessStaff, noAdminPanel, staffOnly, staffOrOwnBuyer } from '../access'
import { buyerAlarmFields } from './partner-alarms'
import { keepConcurrentSessions, lockedAccountsHaveNoSessions, refuseEmailedPasswordReset } from '../hooks/auth'
import { giveNewBuyerAPassword, normalizeBuyerPhone, ownersProveCredentialChanges } from '../hooks/buyers'
import { noEmailVerification } from '../src/endpoints/auth'
import { alarmPreferenceEndpoints } from '../src/endpoints/alarm-preferences'
import { deviceEndpoints } from '../src/endpoints/devices'
import { buyerAppEndpoints } from '../src/endpoints/registration'

/**
 * Pump owners. They sign in from the mobile app with their phone number (Payload's username login; the
 * username always mirrors `phone`) and never into the admin panel.
 */
export const Buyers: CollectionConfig = {
  slug: 'buyers',
  labels: {
    singular: { en: 'Buyer', ru: 'Покупатель' },
    plural: { en: 'Buyers', ru: 'Покупатели' },
  },
  auth: {
    loginWithUsername: { allowEmailLogin: false, requireEmail: false },
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
  },
  admin: {
    useAsTitle: 'phone',
    defaultColumns: ['phone', 'name', 'email'],
    listSearchableFields: ['phone', 'name', 'email'],
    group: { en: 'Registry', ru: 'Реестр' },
    hidden: hiddenUnlessStaff,
  },
  access: {
    admin: noAdminPanel,
    create: staffOnly,
    read: staffOrOwnBuyer,
    update: staffOrOwnBuyer,
    delete: adminOnly,
    // Unlocking is the administrator's answer to a lockout, never the locked-out caller's (Payload's default lets
    // any signed-in account unlock any other).
    unlock: adminOnly,
  },
  hooks: {
    beforeOperation: [refuseEmailedPasswordReset],
    beforeRead: [lockedAccountsHaveNoSessions],
    beforeLogin: [keepConcurrentSessions],
    beforeValidate: [ownersProveCredentialChanges, normalizeBuyerPhone, giveNewBuyerAPassword],
  },
  endpoints: [...buyerAppEndpoints, noEmailVerification, ...deviceEndpoints, ...alarmPreferenceEndpoints],
  fields: [
    {
      name: 'phone',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      label: { en: 'Phone', ru: 'Телефон' },
      admin: {
        description: {
          en: 'Kept in international format (E.164), e.g. +79123456789',
          ru: 'Хранится в международном формате (E.164), например +79123456789',
        },
      },
    },
    { name: 'name', type: 'text', label: { en: 'Name', ru: 'Имя' } },
    buyerAlarmFields,
    {
      name: 'notes',
      type: 'textarea',
      label: { en: 'Notes', ru: 'Заметки' },
      access: { read: ({ req }) => req.user?.collection === 'users' },
    },
  ],
}
