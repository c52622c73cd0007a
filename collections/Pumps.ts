// The pump register's collection: identity, status, owner and partner, installation; lifecycle and connectivity in their own files.
import type { CollectionConfig } from 'payload'

import { adminOnly, notForOwners, pumpOwnerField, readPumps, staffField, staffOnly, updatePumps } from '../access'
import {
  deletePumpHistory,
  deriveInstallationTimezone,
  hashPumpPassword,
  manualUrlFromModel,
  normalizeSerialField,
  normalizeSimNumber,
  ownersChangeOnlyNickname,
  recordAssignmentChanges,
  refuseProtectedPumpFields,
  requireInstallationFromPartners,
  validateSimNumber,
} from '../hooks/pumps'
import { deletePumpAlarms } from '../hooks/alarms'
import { INITIAL_STATUS, PUMP_STATUSES, STATUS_LABELS } from '../src/domain/lifecycle'
import { NICKNAME_MAX_LENGTH } from '../src/domain/registration'
import { deviceKeyEndpoint } from '../src/endpoints/device-key'
import { factoryEndpoints } from '../src/endpoints/factory'
import { lifecycleEndpoints } from '../src/endpoints/lifecycle'
import { liveEndpoints } from '../src/endpoints/live'
import { pumpRegistrationEndpoints } from '../src/endpoints/registration'
import { telemetryEndpoints } from '../src/endpoints/telemetry'
import { fleetExportEndpoint } from '../src/endpoints/fleet-export'
import { listsWithoutJoins } from '../hooks/pumps-fleet'
import { fleetPumpFields } from './pump-fleet'
import { lifecycleFields } from './pump-lifecycle'
import { pumpTelemetryFields } from './pump-telemetry'

export const Pumps: CollectionConfig = {
  slug: 'pumps',
  labels: {
    singular: { en: 'Heat pump', ru: 'Тепловой насос' },
    plural: { en: 'Heat pumps', ru: 'Тепловые насосы' },
  },
  admin: {
    useAsTitle: 'serial',
    defaultColumns: [
      'serial',
      'model',
      'status',
      'responsiblePartner',
      'region',
      'online',
      'lastDataAt',
      'activeAlarmCount',
    ],
    listSearchableFields: ['serial', 'simNumber'],
    group: { en: 'Registry', ru: 'Реестр' },
    // Staff tick pumps in the list and take them to the factory page's batch form.
    components: { beforeListTable: ['/src/components/factory/SelectedToBatch#SelectedToBatch'] },
  },
  // No edit lock: Payload's lock outlived a save (a partner's saved installation kept the card behind a "locked"
  // modal, status buttons included, for staff for 5 minutes). Status changes lock the pump's row themselves, and a
  // card changed by someone else since it was opened is still reported when its editor starts typing.
  lockDocuments: false,
  // Saved filters (collections/QueryPresets.ts): each user's own, staff may share.
  enableQueryPresets: true,
  access: {
    create: staffOnly,
    read: readPumps,
    update: updatePumps,
    delete: adminOnly,
  },
  hooks: {
    beforeOperation: [listsWithoutJoins],
    beforeValidate: [refuseProtectedPumpFields, ownersChangeOnlyNickname, requireInstallationFromPartners],
    beforeChange: [hashPumpPassword, deriveInstallationTimezone],
    afterChange: [recordAssignmentChanges],
    beforeDelete: [deletePumpHistory, deletePumpAlarms],
  },
  endpoints: [
    ...factoryEndpoints,
    fleetExportEndpoint,
    ...liveEndpoints,
    ...lifecycleEndpoints,
    ...pumpRegistrationEndpoints,
    deviceKeyEndpoint,
    ...telemetryEndpoints,
  ],
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'serial',
          type: 'text',
          required: true,
          unique: true,
          index: true,
          label: { en: 'Serial number', ru: 'Серийный номер' },
          hooks: { beforeValidate: [normalizeSerialField] },
          access: { update: staffField },
        },
        {
          name: 'model',
          type: 'relationship',
          relationTo: 'models',
          label: { en: 'Model', ru: 'Модель' },
          access: { update: staffField },
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      index: true,
      defaultValue: INITIAL_STATUS,
      label: { en: 'Operation status', ru: 'Статус эксплуатации' },
      options: PUMP_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
      admin: {
        position: 'sidebar',
        readOnly: true,
        components: { Cell: '/src/components/FleetCells#StatusCell' },
        description: {
          en: 'Changes only through the status transition',
          ru: 'Меняется только переходом статуса',
        },
      },
    },
    {
      // "Next status" and (for admins) "Set status…": rendered from GET /api/pumps/:id/transitions.
      name: 'statusActions',
      type: 'ui',
      admin: {
        position: 'sidebar',
        condition: (data) => Boolean(data?.id),
        components: { Field: '/src/components/StatusTransitions#StatusTransitions' },
      },
    },
    {
      // Write-only: hashed with bcrypt before it is stored (passwordHash) and never read back.
      name: 'password',
      type: 'text',
      virtual: true,
      label: { en: 'Pump password (printed on the pump)', ru: 'Пароль насоса (напечатан на насосе)' },
      access: { read: () => false, update: staffField, create: staffField },
      admin: {
        condition: (data) => !data?.id,
        description: {
          en: 'Stored only as a hash; it cannot be shown again',
          ru: 'Хранится только в виде хэша; показать его повторно нельзя',
        },
      },
    },
    { name: 'passwordHash', type: 'text', hidden: true },
    // The modem's MQTT password (its device key), kept as a keyed hash; issued when the pump is produced.
    { name: 'deviceKeyHash', type: 'text', hidden: true, access: { create: () => false, update: () => false } },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: 'buyers',
      label: { en: 'Owner', ru: 'Владелец' },
      access: { update: staffField, read: staffField },
    },
    {
      // The owner's own name for the pump in the app ("Дача"): theirs alone, staff and partners never see it.
      name: 'nickname',
      type: 'text',
      maxLength: NICKNAME_MAX_LENGTH,
      label: { en: "Owner's name for the pump", ru: 'Название насоса у владельца' },
      access: { read: pumpOwnerField, create: () => false, update: pumpOwnerField },
      admin: { hidden: true },
    },
    {
      name: 'responsiblePartner',
      type: 'relationship',
      relationTo: 'partners',
      index: true,
      label: { en: 'Responsible partner', ru: 'Ответственный партнёр' },
      admin: {
        description: {
          en: 'Search by partner ID or by part of the name',
          ru: 'Поиск по ID партнёра или части названия',
        },
      },
      access: { create: staffField, update: staffField, read: notForOwners },
    },
    {
      name: 'simNumber',
      type: 'text',
      label: { en: 'SIM card number (ICCID)', ru: 'Номер SIM-карты (ICCID)' },
      hooks: { beforeValidate: [normalizeSimNumber] },
      validate: validateSimNumber,
      access: { update: staffField },
    },
    {
      type: 'group',
      label: { en: 'Installation', ru: 'Монтаж' },
      admin: {
        description: {
          en: 'Country, region and object type are required when the installer partner saves the card',
          ru: 'Страна, регион и тип объекта обязательны, когда карточку сохраняет партнёр-монтажник',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'country',
              type: 'relationship',
              relationTo: 'countries',
              label: { en: 'Country of installation', ru: 'Страна установки' },
            },
            {
              name: 'region',
              type: 'relationship',
              relationTo: 'regions',
              label: { en: 'Region of installation', ru: 'Регион установки' },
              filterOptions: ({ siblingData }) => {
                const country = (siblingData as { country?: unknown })?.country
                return country ? { country: { equals: country } } : true
              },
            },
            {
              name: 'timezone',
              type: 'text',
              label: { en: 'Time zone', ru: 'Часовой пояс' },
              admin: {
                readOnly: true,
                description: { en: 'Follows the region', ru: 'Определяется регионом' },
              },
              access: { create: () => false, update: () => false },
            },
          ],
        },
        {
          name: 'objectType',
          type: 'relationship',
          relationTo: 'objectTypes',
          label: { en: 'Object type', ru: 'Тип объекта' },
        },
        {
          name: 'ownerInfo',
          type: 'textarea',
          label: { en: "Owner (installer's notes)", ru: 'Владелец (со слов монтажника)' },
          access: { read: notForOwners },
        },
        {
          name: 'note',
          type: 'textarea',
          label: { en: 'Note', ru: 'Примечание' },
          access: { read: notForOwners },
        },
      ],
    },
    lifecycleFields,
    ...pumpTelemetryFields,
    ...fleetPumpFields,
    {
      name: 'history',
      type: 'join',
      collection: 'pumpEvents',
      on: 'pump',
      defaultSort: '-at',
      defaultLimit: 20,
      label: { en: 'History', ru: 'История' },
      access: { read: notForOwners },
      admin: {
        allowCreate: false,
        defaultColumns: ['at', 'to', 'assignedTo', 'actorName', 'source', 'comment'],
        // The dates above are on the pump's clock; the table's are on the reader's: said where it is read.
        description: {
          en: "Times in this table are on your browser's clock",
          ru: 'Время в таблице — по часам вашего браузера',
        },
      },
    },
    {
      name: 'manualUrl',
      type: 'text',
      virtual: true,
      label: { en: 'Manual (PDF)', ru: 'Руководство (PDF)' },
      admin: {
        readOnly: true,
        position: 'sidebar',
        components: { Field: '/src/components/ManualLinkField#ManualLinkField' },
      },
      hooks: { afterRead: [manualUrlFromModel] },
    },
  ],
}
