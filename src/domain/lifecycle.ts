// The pump's lifecycle, in the customer's order. Plain TypeScript: collections, hooks and services import it.

export const PUMP_STATUSES = [
  'created',
  'produced',
  'released',
  'shipped',
  'in_operation',
  'in_service',
  'decommissioned',
] as const

export type PumpStatus = (typeof PUMP_STATUSES)[number]

export const INITIAL_STATUS: PumpStatus = 'created'

export const STATUS_LABELS: Record<PumpStatus, { en: string; ru: string }> = {
  created: { en: 'Created', ru: 'Создан' },
  produced: { en: 'Produced', ru: 'Произведен' },
  released: { en: 'Released', ru: 'Выпущен' },
  shipped: { en: 'Shipped', ru: 'Отгружен' },
  in_operation: { en: 'In operation', ru: 'Эксплуатируется' },
  in_service: { en: 'In service', ru: 'В сервисе' },
  decommissioned: { en: 'Decommissioned', ru: 'Выведен' },
}

export function isPumpStatus(value: unknown): value is PumpStatus {
  return typeof value === 'string' && (PUMP_STATUSES as readonly string[]).includes(value)
}
