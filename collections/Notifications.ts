// The notifications log: each message the alarms sent or are to send, its recipient, channel, state and attempts.
// Queued in bulk with the alarm records (one per alarm, channel and recipient: never twice), sent by the job;
// an hourly digest is one row per recipient and hour.
import type { CollectionConfig } from 'payload'

import { hiddenUnlessStaff, nobody, staffOnly } from '../access'
import { NOTIFICATION_STATES } from '../src/domain/notifications'

const when = { date: { pickerAppearance: 'dayAndTime' as const, displayFormat: 'dd.MM.yyyy HH:mm:ss' } }

const STATE_LABELS = {
  queued: { en: 'Queued', ru: 'В очереди' },
  sending: { en: 'Sending', ru: 'Отправляется' },
  sent: { en: 'Sent', ru: 'Отправлено' },
  failed: { en: 'Failed', ru: 'Не удалось' },
}

export const Notifications: CollectionConfig = {
  slug: 'notifications',
  labels: {
    singular: { en: 'Notification', ru: 'Уведомление' },
    plural: { en: 'Notifications', ru: 'Уведомления' },
  },
  admin: {
    defaultColumns: ['createdAt', 'alarm', 'kind', 'channel', 'recipient', 'state', 'attempts', 'lastError'],
    group: { en: 'Logs', ru: 'Журналы' },
    hidden: hiddenUnlessStaff,
  },
  defaultSort: '-createdAt',
  access: { create: nobody, read: staffOnly, update: nobody, delete: nobody },
  fields: [
    {
      name: 'alarm',
      type: 'relationship',
      relationTo: 'alarms',
      index: true,
      admin: { description: { en: 'Empty for an hourly digest', ru: 'Пусто у сводки за час' } },
      label: { en: 'Alarm', ru: 'Авария' },
    },
    {
      name: 'channel',
      type: 'select',
      required: true,
      options: [
        { value: 'email', label: { en: 'E-mail', ru: 'E-mail' } },
        { value: 'push', label: { en: 'Push', ru: 'Push' } },
      ],
      label: { en: 'Channel', ru: 'Канал' },
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'raised',
      options: [
        { value: 'raised', label: { en: 'New alarm', ru: 'Новая авария' } },
        { value: 'escalated', label: { en: 'Not acknowledged in time', ru: 'Не квитирована вовремя' } },
        { value: 'digest', label: { en: 'Hourly digest', ru: 'Сводка за час' } },
      ],
      label: { en: 'About', ru: 'О чём' },
    },
    { name: 'recipient', type: 'text', required: true, label: { en: 'Recipient', ru: 'Получатель' } },
    {
      name: 'language',
      type: 'select',
      required: true,
      options: [
        { value: 'ru', label: 'Русский' },
        { value: 'en', label: 'English' },
      ],
      label: { en: 'Language', ru: 'Язык' },
    },
    {
      name: 'state',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'queued',
      options: NOTIFICATION_STATES.map((value) => ({ value, label: STATE_LABELS[value] })),
      label: { en: 'State', ru: 'Состояние' },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { en: 'Attempts', ru: 'Попытки' } },
    {
      name: 'nextAttemptAt',
      type: 'date',
      index: true,
      label: { en: 'Next attempt', ru: 'Следующая попытка' },
      admin: when,
    },
    { name: 'sentAt', type: 'date', label: { en: 'Sent', ru: 'Отправлено' }, admin: when },
    {
      name: 'digestHour',
      type: 'date',
      label: { en: 'Digest of the hour from', ru: 'Сводка за час с' },
      admin: { ...when, condition: (data) => data?.kind === 'digest' },
    },
    { name: 'subject', type: 'text', label: { en: 'Subject', ru: 'Тема' } },
    { name: 'lastError', type: 'text', label: { en: 'Last error', ru: 'Последняя ошибка' } },
  ],
}
