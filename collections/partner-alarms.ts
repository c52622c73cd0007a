// Alarm notification preferences: a partner's (which severities reach its contact address by e-mail, in which
// language, quiet hours) and an owner's (which severities reach the app by push, quiet hours), quiet hours in the
// pump's time zone.
import type { Field } from 'payload'

import { SEVERITIES, SEVERITY_LABELS } from '../src/domain/alarms'
import { isClockTime } from '../src/domain/notifications'

export const partnerAlarmFields: Field = {
  name: 'alarmMail',
  type: 'group',
  label: { en: 'Alarm e-mails', ru: 'Письма об авариях' },
  admin: {
    description: {
      en: 'Sent to the contact e-mail when a pump of this partner raises an alarm',
      ru: 'Приходят на контактный e-mail, когда насос этого партнёра сообщает об аварии',
    },
  },
  fields: [
    {
      name: 'severities',
      type: 'select',
      hasMany: true,
      defaultValue: ['critical', 'major'],
      options: SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value] })),
      label: { en: 'Severities', ru: 'Важность' },
    },
    {
      name: 'digestSeverities',
      type: 'select',
      hasMany: true,
      defaultValue: [],
      options: SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value] })),
      label: { en: 'In the hourly digest', ru: 'В сводке за час' },
      admin: {
        description: {
          en: 'New alarms of these severities (not e-mailed one by one above) come in one e-mail an hour',
          ru: 'Новые аварии этой важности (если не выбраны выше) приходят одним письмом в час',
        },
      },
    },
    {
      name: 'language',
      type: 'select',
      defaultValue: 'ru',
      options: [
        { value: 'ru', label: 'Русский' },
        { value: 'en', label: 'English' },
      ],
      label: { en: 'Language', ru: 'Язык' },
    },
    ...quietHours(),
  ],
}

function clockTime(value: unknown, { req }: { req: { i18n?: { language?: string } } }): true | string {
  if (value === null || value === undefined || value === '') return true
  if (typeof value === 'string' && isClockTime(value)) return true
  return req.i18n?.language === 'ru' ? 'Время ЧЧ:ММ, например 22:00' : 'A time HH:MM, e.g. 22:00'
}

/** From–to in the pump's time zone (22:00–07:00 spans midnight): messages then wait until it ends. */
function quietHours(): Field[] {
  const description = {
    en: "Quiet hours in the pump's time zone (e.g. 22:00 to 07:00): messages wait until they end",
    ru: 'Тихие часы в часовом поясе насоса (например, с 22:00 до 07:00): сообщения ждут их окончания',
  }
  return [
    {
      name: 'quietFrom',
      type: 'text',
      validate: clockTime,
      label: { en: 'Quiet hours from', ru: 'Тихие часы с' },
      admin: { description, placeholder: '22:00' },
    },
    {
      name: 'quietTo',
      type: 'text',
      validate: clockTime,
      label: { en: 'Quiet hours until', ru: 'Тихие часы до' },
      admin: { placeholder: '07:00' },
    },
  ]
}

/** The owner's push preferences (the app's one channel): severities pushed (none: no push), quiet hours. */
export const buyerAlarmFields: Field = {
  name: 'alarmPush',
  type: 'group',
  label: { en: 'Alarm pushes', ru: 'Push-уведомления об авариях' },
  fields: [
    {
      name: 'severities',
      type: 'select',
      hasMany: true,
      defaultValue: ['critical', 'major'],
      options: SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value] })),
      label: { en: 'Severities', ru: 'Важность' },
    },
    ...quietHours(),
  ],
}
