// A partner's alarm e-mail preferences: which severities reach its contact address, and in which language.
import type { Field } from 'payload'

import { SEVERITIES, SEVERITY_LABELS } from '../src/domain/alarms'

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
      name: 'language',
      type: 'select',
      defaultValue: 'ru',
      options: [
        { value: 'ru', label: 'Русский' },
        { value: 'en', label: 'English' },
      ],
      label: { en: 'Language', ru: 'Язык' },
    },
  ],
}
