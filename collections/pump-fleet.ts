// The pump fields the fleet's lists and dashboards add (issue 14): the number of active alarms, kept by the database
// from the alarms the ingestion writes (a trigger, migrations/20261205_130000_fleet_sql.ts), so it can be filtered,
// sorted and counted on an index.
import type { Field } from 'payload'

export const fleetPumpFields: Field[] = [
  {
    name: 'activeAlarmCount',
    type: 'number',
    label: { en: 'Active alarms', ru: 'Активных аварий' },
    // Nobody writes it: the database derives it from activeAlarms on every insert and update.
    access: { create: () => false, update: () => false },
    admin: { readOnly: true, position: 'sidebar' },
  },
]
