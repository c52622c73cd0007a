import type { CollectionConfig } from 'payload'

import { hiddenUnlessStaff, nobody, readPumpEvents, staffField, staffOrUnlessAbout } from '../access'
import {
  EVENT_ACTOR_LABELS,
  EVENT_ACTORS,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  PUMP_STATUSES,
  STATUS_LABELS,
} from '../src/domain/lifecycle'
import { pumpPartnerField } from './pump-event-fleet'

const statusOptions = PUMP_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))

/**
 * The pump's history: one event per status change (written by the lifecycle service) and per change of the
 * responsible partner or owner (written by a pumps hook), each in the same transaction as the change itself.
 * Nobody creates, edits or deletes events through the API.
 */
export const PumpEvents: CollectionConfig = {
  slug: 'pumpEvents',
  labels: {
    singular: { en: 'Pump history event', ru: 'Событие истории насоса' },
    plural: { en: 'Pump history', ru: 'История насосов' },
  },
  admin: {
    defaultColumns: ['at', 'pump', 'kind', 'from', 'to', 'actorName', 'source', 'comment'],
    group: { en: 'Registry', ru: 'Реестр' },
    hidden: hiddenUnlessStaff,
  },
  defaultSort: '-at',
  access: { create: nobody, read: readPumpEvents, update: nobody, delete: nobody },
  fields: [
    {
      name: 'pump',
      type: 'relationship',
      relationTo: 'pumps',
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
      admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm' } },
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'status',
      options: EVENT_KINDS.map((value) => ({ value, label: EVENT_KIND_LABELS[value] })),
      label: { en: 'What changed', ru: 'Что изменилось' },
    },
    { name: 'from', type: 'select', options: statusOptions, label: { en: 'From status', ru: 'Из статуса' } },
    { name: 'to', type: 'select', options: statusOptions, label: { en: 'To status', ru: 'В статус' } },
    {
      // Partner events: the responsible partner from now on (empty when it was removed).
      name: 'partner',
      type: 'relationship',
      relationTo: 'partners',
      label: { en: 'Responsible partner', ru: 'Ответственный партнёр' },
    },
    {
      // Owner events: the owner from now on. Staff only: a partner reading the history does not learn the owner.
      name: 'owner',
      type: 'relationship',
      relationTo: 'buyers',
      label: { en: 'Owner', ru: 'Владелец' },
      access: { read: staffField },
    },
    {
      // Partner and owner events: whom the pump is assigned to, named as then (the history table shows text).
      name: 'assignedTo',
      type: 'text',
      label: { en: 'Assigned to', ru: 'Назначен' },
      access: { read: staffOrUnlessAbout('kind') },
    },
    {
      name: 'actor',
      type: 'select',
      required: true,
      options: EVENT_ACTORS.map((value) => ({ value, label: EVENT_ACTOR_LABELS[value] })),
      label: { en: 'Actor', ru: 'Инициатор' },
    },
    { name: 'user', type: 'relationship', relationTo: 'users', label: { en: 'User', ru: 'Пользователь' } },
    {
      // The user's name and e-mail (an owner's phone) as they were: the history still says who after a rename or a
      // deletion. A partner reading the history does not learn the owner's phone.
      name: 'actorName',
      type: 'text',
      label: { en: 'Who', ru: 'Кто' },
      access: { read: staffOrUnlessAbout('actor') },
    },
    {
      name: 'source',
      type: 'select',
      required: true,
      options: EVENT_SOURCES.map((value) => ({ value, label: EVENT_SOURCE_LABELS[value] })),
      label: { en: 'Source', ru: 'Источник' },
    },
    pumpPartnerField,
    { name: 'comment', type: 'textarea', label: { en: 'Comment', ru: 'Комментарий' } },
    {
      // What the transition collected (never the pump's password).
      name: 'data',
      type: 'json',
      label: { en: 'Collected data', ru: 'Собранные данные' },
      admin: { components: { Field: '/src/components/EventDataField#EventDataField' } },
    },
  ],
}
