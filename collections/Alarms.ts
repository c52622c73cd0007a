// Alarm records: one per occurrence of a code on a pump, opened and cleared by the ingestion in bulk (with the
// card), acknowledged and assigned through the alarm endpoints. Nobody writes them through the plain API.
import type { CollectionConfig, Field } from 'payload'

import { nobody, readAlarms, staffUser } from '../access'
import { SEVERITIES, SEVERITY_LABELS } from '../src/domain/alarms'
import { alarmEndpoints } from '../src/endpoints/alarms'
import { pumpPartnerField } from './pump-event-fleet'

const when = { date: { pickerAppearance: 'dayAndTime' as const, displayFormat: 'dd.MM.yyyy HH:mm' } }

export const Alarms: CollectionConfig = {
  slug: 'alarms',
  labels: {
    singular: { en: 'Alarm', ru: 'Авария' },
    plural: { en: 'Alarms', ru: 'Аварии' },
  },
  admin: {
    defaultColumns: ['severity', 'pump', 'code', 'text', 'raisedAt', 'clearedAt', 'acknowledgedAt', 'assignedTo'],
    group: { en: 'Registry', ru: 'Реестр' },
    // Staff and partners (their own pumps' alarms); owners read theirs through the app's endpoint.
    hidden: ({ user }) => !staffUser(user as never),
  },
  defaultSort: '-raisedAt',
  access: { create: nobody, read: readAlarms, update: nobody, delete: nobody },
  endpoints: alarmEndpoints,
  fields: [
    {
      name: 'pump',
      type: 'relationship',
      relationTo: 'pumps',
      required: true,
      index: true,
      label: { en: 'Heat pump', ru: 'Тепловой насос' },
    },
    // The pump's responsible partner, kept on the record (the ingestion's SQL sets it, a trigger on pumps re-labels
    // it): the partner's read filters on one indexed column instead of joining each record's pump.
    { ...pumpPartnerField, index: true } as Field,
    { name: 'code', type: 'text', required: true, index: true, label: { en: 'Code', ru: 'Код' } },
    {
      name: 'severity',
      type: 'select',
      required: true,
      index: true,
      options: SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value] })),
      label: { en: 'Severity', ru: 'Важность' },
    },
    { name: 'text', type: 'text', label: { en: 'Text from the modem', ru: 'Текст от модема' } },
    {
      name: 'raisedAt',
      type: 'date',
      required: true,
      index: true,
      label: { en: 'Raised', ru: 'Возникла' },
      admin: when,
    },
    { name: 'clearedAt', type: 'date', index: true, label: { en: 'Cleared', ru: 'Снята' }, admin: when },
    {
      name: 'flaps',
      type: 'number',
      defaultValue: 0,
      label: { en: 'Reopened (flapping)', ru: 'Повторялась (дребезг)' },
    },
    { name: 'acknowledgedAt', type: 'date', label: { en: 'Acknowledged', ru: 'Квитирована' }, admin: when },
    {
      name: 'acknowledgedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Acknowledged by', ru: 'Кем квитирована' },
    },
    { name: 'comment', type: 'textarea', label: { en: 'Comment', ru: 'Комментарий' } },
    { name: 'assignedTo', type: 'relationship', relationTo: 'users', label: { en: 'Assigned to', ru: 'Назначена' } },
  ],
}
