import type { CollectionConfig } from 'payload'

import { adminField, adminOnly, adminOrSelf, hiddenUnlessAdmin, staffAndPartnersInAdmin } from '../access'
import { keepConcurrentSessions, lockedAccountsHaveNoSessions, refuseEmailedPasswordReset } from '../hooks/auth'
import { noEmailVerification } from '../src/endpoints/auth'
import { firstUserIsAdmin, requirePartnerForPartnerRole } from '../hooks/users'

export const Users: CollectionConfig = {
  slug: 'users',
  labels: {
    singular: { en: 'User', ru: 'Пользователь' },
    plural: { en: 'Users', ru: 'Пользователи' },
  },
  auth: {
    // Failed logins and failed password confirmations both count toward this lockout.
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'role', 'partner'],
    group: { en: 'Administration', ru: 'Администрирование' },
    hidden: hiddenUnlessAdmin,
  },
  access: {
    admin: staffAndPartnersInAdmin,
    create: adminOnly,
    read: adminOrSelf,
    update: adminOnly,
    delete: adminOnly,
    // Unlocking is the administrator's answer to a lockout, never the locked-out caller's (Payload's default lets
    // any signed-in account unlock any other).
    unlock: adminOnly,
  },
  endpoints: [noEmailVerification],
  hooks: {
    beforeOperation: [refuseEmailedPasswordReset],
    beforeRead: [lockedAccountsHaveNoSessions],
    beforeLogin: [keepConcurrentSessions],
    beforeValidate: [firstUserIsAdmin],
    beforeChange: [requirePartnerForPartnerRole],
  },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', ru: 'Имя' } },
    {
      name: 'role',
      type: 'select',
      required: true,
      // The first account becomes an administrator (firstUserIsAdmin): its form says so.
      defaultValue: async ({ req }) =>
        (await req.payload.count({ collection: 'users', req, overrideAccess: true })).totalDocs === 0
          ? 'admin'
          : 'service',
      label: { en: 'Role', ru: 'Роль' },
      options: [
        { value: 'admin', label: { en: 'Administrator', ru: 'Администратор' } },
        { value: 'service', label: { en: 'Service engineer', ru: 'Сервисный инженер' } },
        { value: 'partner', label: { en: 'Partner', ru: 'Партнёр' } },
      ],
      access: { create: adminField, update: adminField },
      saveToJWT: true,
    },
    {
      name: 'partner',
      type: 'relationship',
      relationTo: 'partners',
      label: { en: 'Partner company', ru: 'Компания-партнёр' },
      admin: {
        condition: (data) => data?.role === 'partner',
        description: {
          en: 'Required for partner accounts: the company whose pumps this user sees',
          ru: 'Обязательно для партнёров: компания, чьи насосы видит пользователь',
        },
      },
      access: { create: adminField, update: adminField },
      saveToJWT: true,
    },
  ],
}
