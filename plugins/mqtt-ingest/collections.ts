// What the ingestion adds to the schema: the modem history collection, and the pump fields only it writes.
import type { Access, CollectionBeforeDeleteHook, CollectionConfig, CollectionSlug, Field, FieldAccess } from 'payload'

import { CONNECTION_TYPES, MODEM_EVENT_KINDS, type ConnectionType, type ModemEventKind } from './modem'

/** Who may see what the plugin adds: the host's access predicates. */
export type IngestAccess = {
  /** Who reads the modem history (e.g. staff, and a partner for its own pumps). */
  readModemEvents: Access
  /** Who reads a pump's modem history in its card. */
  readModemHistory: FieldAccess
  /** Whether the admin hides the modem history collection from this user. */
  hideModemEvents: (args: { user: unknown }) => boolean
}

const KIND_LABELS: Record<ModemEventKind, { en: string; ru: string }> = {
  connected: { en: 'Connected', ru: 'Подключился' },
  disconnected: { en: 'Disconnected', ru: 'Отключился' },
  timed_out: { en: 'Silent: marked offline', ru: 'Молчит: отмечен как OFFLINE' },
  alarm_raised: { en: 'Alarm raised', ru: 'Авария возникла' },
  alarm_cleared: { en: 'Alarm cleared', ru: 'Авария снята' },
}

const CONNECTION_LABELS: Record<ConnectionType, string> = { gsm: 'GSM', ethernet: 'Ethernet', wifi: 'Wi-Fi' }

/** When each pump connected, disconnected, raised or cleared which alarm: written in bulk by the ingestion. */
export function modemEventsCollection(access: IngestAccess, pumpsSlug: string): CollectionConfig {
  return {
    slug: 'modemEvents',
    labels: {
      singular: { en: 'Connection / alarm event', ru: 'Событие связи / аварии' },
      plural: { en: 'Connection and alarms', ru: 'Связь и аварии' },
    },
    admin: {
      defaultColumns: ['at', 'pump', 'kind', 'code', 'text'],
      group: { en: 'Logs', ru: 'Журналы' },
      hidden: access.hideModemEvents,
    },
    defaultSort: '-at',
    access: { create: () => false, read: access.readModemEvents, update: () => false, delete: () => false },
    fields: [
      {
        name: 'pump',
        type: 'relationship',
        relationTo: pumpsSlug as CollectionSlug,
        required: true,
        index: true,
        label: { en: 'Heat pump', ru: 'Тепловой насос' },
      },
      {
        name: 'at',
        type: 'date',
        required: true,
        index: true,
        label: { en: 'When', ru: 'Когда' },
        admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm:ss' } },
      },
      {
        name: 'kind',
        type: 'select',
        required: true,
        options: MODEM_EVENT_KINDS.map((value) => ({ value, label: KIND_LABELS[value] })),
        label: { en: 'Event', ru: 'Событие' },
      },
      { name: 'code', type: 'text', label: { en: 'Alarm code', ru: 'Код аварии' } },
      { name: 'text', type: 'text', label: { en: 'Alarm text', ru: 'Текст аварии' } },
    ],
  }
}

const neverByApi = { create: () => false, update: () => false }

/** The card's connectivity, written only by the ingestion: read-only in the admin, shown in its sidebar. */
export const connectivityFields: Field[] = [
  { name: 'online', type: 'checkbox', defaultValue: false, label: { en: 'Online', ru: 'В сети (ONLINE)' } },
  { name: 'lastDataAt', type: 'date', label: { en: 'Last data received', ru: 'Последние данные получены' } },
  { name: 'lastConnectedAt', type: 'date', label: { en: 'Last connected', ru: 'Последнее подключение' } },
  { name: 'lastDisconnectedAt', type: 'date', label: { en: 'Last disconnected', ru: 'Последнее отключение' } },
  { name: 'activeAlarms', type: 'json', label: { en: 'Active alarms / errors', ru: 'Активные аварии / ошибки' } },
  {
    name: 'connectionType',
    type: 'select',
    label: { en: 'Network access', ru: 'Способ доступа в сеть' },
    options: CONNECTION_TYPES.map((value) => ({ value, label: CONNECTION_LABELS[value] })),
  },
  { name: 'firmwareVersion', type: 'text', label: { en: 'Modem firmware', ru: 'Прошивка модема' } },
].map((field) => ({ ...field, admin: { readOnly: true, position: 'sidebar' as const } })) as Field[]

/** Bookkeeping the ingestion keeps on the card, and the card's modem history. */
export function ingestionFields(access: IngestAccess): Field[] {
  return [
    { name: 'presenceAt', type: 'date', hidden: true, access: neverByApi },
    { name: 'alarmsAt', type: 'date', hidden: true, access: neverByApi },
    { name: 'lastSeenAt', type: 'date', hidden: true, access: neverByApi },
    {
      name: 'modemHistory',
      type: 'join',
      collection: 'modemEvents',
      on: 'pump',
      defaultSort: '-at',
      defaultLimit: 20,
      label: { en: 'Connection and alarms', ru: 'Связь и аварии' },
      access: { read: access.readModemHistory },
      admin: {
        allowCreate: false,
        defaultColumns: ['at', 'kind', 'code', 'text'],
        description: {
          en: "Times in this table are on your browser's clock",
          ru: 'Время в таблице — по часам вашего браузера',
        },
      },
    },
  ]
}

/** A deleted pump takes its connection and alarm history with it (in the same transaction). */
export const deleteModemHistory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'modemEvents', where: { pump: { equals: id } }, req, overrideAccess: true })
}
