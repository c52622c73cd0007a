// The access table's rows of issue 13: alarms (staff read all, a partner its own pumps'; owners read theirs only
// through /api/alarms/mine), the notifications log and the owners' push devices (staff). Nobody writes either through the API: the ingestion
// opens alarms, the alarm endpoints acknowledge them, the job sends notifications.
import type { Role, World } from '../support/fixtures'
import { fresh, type Id } from './access-fresh'

type Targets = { read: (w: World) => Id | Promise<Id>; write: (w: World) => Id | Promise<Id> }
type Operation = 'list' | 'read' | 'create' | 'update' | 'delete'
type RowBuilder<Cell> = (
  collection: 'alarms' | 'notifications' | 'devices',
  allowed: Partial<Record<Operation, Role[]>>,
  targets: Targets,
) => Cell[]

export function alarmRows<Cell>(row: RowBuilder<Cell>): Cell[] {
  const staff: Role[] = ['admin', 'service']
  return [
    ...row(
      'alarms',
      { list: [...staff, 'partner'], read: staff },
      { read: (w) => fresh.alarm(w.pumps.ofB.id), write: (w) => fresh.alarm(w.pumps.ofA.id) },
    ),
    ...row(
      'notifications',
      { list: staff, read: staff },
      { read: (w) => fresh.notification(w.pumps.ofB.id), write: (w) => fresh.notification(w.pumps.ofA.id) },
    ),
    // The owners' push devices: staff read; the app registers and removes them through /api/buyers/me/devices.
    ...row('devices', { list: staff, read: staff }, { read: (w) => fresh.device(w), write: (w) => fresh.device(w) }),
  ]
}
