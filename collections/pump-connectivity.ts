// The admin's look of the connectivity fields the ingestion plugin adds to pumps: badges, live text, pump-zone dates.
import type { Field } from 'payload'

import { PUMP_DATE_COMPONENTS } from './pump-lifecycle'

/** Firmware and network access as plain text on the card, refreshed while it is open. */
const LIVE_TEXT_FIELD = '/src/components/LiveTextField#LiveTextField'

const COMPONENTS: Record<string, Record<string, string>> = {
  online: { Cell: '/src/components/OnlineCell#OnlineCell', Field: '/src/components/OnlineCell#OnlineField' },
  activeAlarms: { Field: '/src/components/ActiveAlarmsField#ActiveAlarmsField' },
  // "5 мин назад" in the list, the exact time on hover (issue 14).
  lastDataAt: { ...PUMP_DATE_COMPONENTS, Cell: '/src/components/FleetCells#LastDataCell' },
  connectionType: { Field: LIVE_TEXT_FIELD },
  firmwareVersion: { Field: LIVE_TEXT_FIELD },
}

/** Gives a connectivity field its admin components (the plugin's `dressConnectivityField`). */
export function dressConnectivityField(field: Field): Field {
  if (!('name' in field)) return field
  const components = COMPONENTS[field.name] ?? (field.type === 'date' ? PUMP_DATE_COMPONENTS : undefined)
  if (!components) return field
  return { ...field, admin: { ...field.admin, components } } as Field
}
