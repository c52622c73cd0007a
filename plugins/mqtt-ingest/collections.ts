import type { CollectionBeforeDeleteHook, CollectionConfig, Field } from 'payload'

import { hiddenUnlessStaff, nobody, notForOwners, readPumpEvents } from '../../access'

export const MODEM_EVENT_KINDS = [
  { value: 'connected', label: { en: 'Connected', ru: 'Подключился' } },
  { value: 'disconnected', label: { en: 'Disconnected', ru: 'Отключился' } },
  { value: 'timed_out', label: { en: 'Silent: marked offline', ru: 'Молчит: отмечен как OFFLINE' } },
  { value: 'alarm_raised', label: { en: 'Alarm raised', ru: 'Авария возникла' } },
  { value: 'alarm_cleared', label: { en: 'Alarm cleared', ru: 'Авария снята' } },
]

/** When each pump connected, disconnected, raised or cleared which alarm: written in bulk by the ingestion. */
export const ModemEvents: CollectionConfig = {
  slug: 'modemEvents',
  labels: {
    singular: { en: 'Connection / alarm event', ru: 'Событие связи / аварии' },
    plural: { en: 'Connection and alarms', ru: 'Связь и аварии' },
  },
  admin: {
    defaultColumns: ['at', 'pump', 'kind', 'code', 'text'],
    group: { en: 'Logs', ru: 'Журналы' },
    hidden: hiddenUnlessStaff,
  },
  defaultSort: '-at',
  // Same readers as the pump's history: staff, and a partner for its own pumps.
  access: { create: nobody, read: readPumpEvents, update: nobody, delete: nobody },
  fields: [
    { name: 'pump', type: 'relationship', relationTo: 'pumps', required: true, index: true, label: { en: 'Heat pump', ru: 'Тепловой насос' } },
    {
      name: 'at',
      type: 'date',
      required: true,
      index: true,
      label: { en: 'When', ru: 'Когда' },
      admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm:ss' } },
    },
    { name: 'kind', type: 'select', required: true, options: MODEM_EVENT_KINDS, label: { en: 'Event', ru: 'Событие' } },
    { name: 'code', type: 'text', label: { en: 'Alarm code', ru: 'Код аварии' } },
    { name: 'text', type: 'text', label: { en: 'Alarm text', ru: 'Текст аварии' } },
  ],
}

/** Bookkeeping the ingestion keeps on the card: which report each value came from, and when anything arrived. */
export const ingestionFields: Field[] = [
  { name: 'presenceAt', type: 'date', hidden: true, access: { create: () => false, update: () => false } },
  { name: 'alarmsAt', type: 'date', hidden: true, access: { create: () => false, update: () => false } },
  { name: 'lastSeenAt', type: 'date', hidden: true, access: { create: () => false, update: () => false } },
  {
    name: 'modemHistory',
    type: 'join',
    collection: 'modemEvents',
    on: 'pump',
    defaultSort: '-at',
    defaultLimit: 20,
    label: { en: 'Connection and alarms', ru: 'Связь и аварии' },
    access: { read: notForOwners },
    admin: { allowCreate: false, defaultColumns: ['at', 'kind', 'code', 'text'] },
  },
]

/** A deleted pump takes its connection and alarm history with it (in the same transaction). */
export const deleteModemHistory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'modemEvents', where: { pump: { equals: id } }, req, overrideAccess: true })
}
