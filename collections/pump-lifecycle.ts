// The lifecycle's data on the pump card: what the status transitions collect, read-only, on the pump's clock.
import type { Field } from 'payload'

import { notForOwners } from '../access'
import {
  LIFECYCLE_DATA_FIELDS,
  LIFECYCLE_FIELD_LABELS,
  TRANSITIONS,
  type TransitionFieldName,
} from '../src/domain/lifecycle'

/** A pump's dates, read-only, on the pump's clock (its region's zone) with the zone named. */
export const PUMP_DATE_COMPONENTS = {
  Field: '/src/components/PumpDateField#PumpDateField',
  Cell: '/src/components/PumpDateField#PumpDateCell',
}

/** The data the status transitions collect (the table in src/domain/lifecycle.ts), shown read-only. */
const lifecycleDataFields: Field[] = LIFECYCLE_DATA_FIELDS.map((name: TransitionFieldName): Field => {
  const type = TRANSITIONS.flatMap((transition) => transition.fields).find((field) => field.name === name)!.type
  const label = LIFECYCLE_FIELD_LABELS[name]
  const admin = { readOnly: true }
  // The owner's app sees when the pump went into operation, not the factory's and logistics' records.
  const access = name === 'commissioningDate' ? undefined : { read: notForOwners }
  if (type === 'date') {
    return {
      name,
      type: 'date',
      label,
      access,
      admin: { ...admin, components: PUMP_DATE_COMPONENTS },
    }
  }
  if (type === 'textarea') return { name, type: 'textarea', label, access, admin }
  return { name, type: 'text', label, access, admin }
})

/** The card's "Lifecycle" section. */
export const lifecycleFields: Field = {
  type: 'collapsible',
  label: { en: 'Lifecycle', ru: 'Жизненный цикл' },
  admin: {
    description: {
      en: 'Filled in by the status transitions',
      ru: 'Заполняется при переходах статуса',
    },
  },
  fields: lifecycleDataFields,
}
