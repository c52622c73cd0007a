// The pump's lifecycle, in the customer's order: its statuses and the transition table. Plain TypeScript: collections,
// hooks and services import it; the history's words (lifecycle-events.ts) and the check of the data a transition
// collects (transition-data.ts) are re-exported from here.
import { type Bilingual } from './messages'

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

export const STATUS_LABELS: Record<PumpStatus, Bilingual> = {
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

/**
 * The pump card fields a transition fills in. Each name is the pump card's own field, except `password`, which the
 * card keeps only as a bcrypt hash.
 */
export type TransitionFieldName =
  | 'model'
  | 'password'
  | 'productionDate'
  | 'releaseDate'
  | 'shipmentDate'
  | 'consignee'
  | 'waybillNumber'
  | 'commissioningDate'
  | 'serviceReason'
  | 'decommissioningDate'
  | 'decommissioningReason'

/**
 * `date` defaults to now; `model` to the pump's current model; `pumpPassword` is generated when left empty (kept
 * when the pump already has one).
 */
export type TransitionFieldType = 'date' | 'text' | 'textarea' | 'model' | 'pumpPassword'

export type TransitionField = {
  name: TransitionFieldName
  type: TransitionFieldType
  required: boolean
  label: Bilingual
}

/** `advance` is the "Next status" button; `putIntoOperation` the separate action for pumps without remote access. */
export type TransitionAction = 'advance' | 'putIntoOperation'

export type Transition = {
  from: PumpStatus
  to: PumpStatus
  action: TransitionAction
  label: Bilingual
  fields: readonly TransitionField[]
  /** Producing a pump issues its modem's device key (its MQTT password), shown once. */
  issuesDeviceKey?: true
}

export const LIFECYCLE_FIELD_LABELS: Record<TransitionFieldName, Bilingual> = {
  model: { en: 'Model', ru: 'Модель' },
  password: { en: 'Pump password (printed on the label)', ru: 'Пароль насоса (печатается на этикетке)' },
  productionDate: { en: 'Production date', ru: 'Дата производства' },
  releaseDate: { en: 'Release date', ru: 'Дата выпуска' },
  shipmentDate: { en: 'Shipment date', ru: 'Дата отгрузки' },
  consignee: { en: 'Consignee', ru: 'Грузополучатель' },
  waybillNumber: { en: 'Waybill number', ru: 'Номер накладной' },
  commissioningDate: { en: 'Commissioning date', ru: 'Дата ввода в эксплуатацию' },
  serviceReason: { en: 'Reason for service', ru: 'Причина сервиса' },
  decommissioningDate: { en: 'Decommissioning date', ru: 'Дата вывода из эксплуатации' },
  decommissioningReason: { en: 'Reason for decommissioning', ru: 'Причина вывода из эксплуатации' },
}

function field(name: TransitionFieldName, type: TransitionFieldType, required = true): TransitionField {
  return { name, type, required, label: LIFECYCLE_FIELD_LABELS[name] }
}

function nextStatusLabel(to: PumpStatus): Bilingual {
  return { en: `Next status: ${STATUS_LABELS[to].en}`, ru: `Следующий статус: ${STATUS_LABELS[to].ru}` }
}

const commissioning = [field('commissioningDate', 'date')]

/** Every move a service engineer may make, and the data each one asks for. Admins may also set any status. */
export const TRANSITIONS: readonly Transition[] = [
  {
    from: 'created',
    to: 'produced',
    action: 'advance',
    label: nextStatusLabel('produced'),
    fields: [field('model', 'model'), field('productionDate', 'date'), field('password', 'pumpPassword')],
    issuesDeviceKey: true,
  },
  {
    from: 'produced',
    to: 'released',
    action: 'advance',
    label: nextStatusLabel('released'),
    fields: [field('releaseDate', 'date')],
  },
  {
    from: 'released',
    to: 'shipped',
    action: 'advance',
    label: nextStatusLabel('shipped'),
    fields: [field('shipmentDate', 'date'), field('consignee', 'text'), field('waybillNumber', 'text')],
  },
  {
    // Pumps with a modem are commissioned by their first connection; this is the manual way for the others.
    from: 'released',
    to: 'in_operation',
    action: 'putIntoOperation',
    label: { en: 'Put into operation (no remote access)', ru: 'Ввести в эксплуатацию (без удалённого доступа)' },
    fields: commissioning,
  },
  {
    from: 'shipped',
    to: 'in_operation',
    action: 'putIntoOperation',
    label: { en: 'Put into operation', ru: 'Ввести в эксплуатацию' },
    fields: commissioning,
  },
  {
    from: 'in_operation',
    to: 'in_service',
    action: 'advance',
    label: nextStatusLabel('in_service'),
    fields: [field('serviceReason', 'textarea')],
  },
  {
    from: 'in_service',
    to: 'in_operation',
    action: 'advance',
    label: { en: 'Service finished: back in operation', ru: 'Сервис завершён: снова в эксплуатации' },
    fields: [],
  },
  {
    from: 'in_service',
    to: 'decommissioned',
    action: 'advance',
    label: nextStatusLabel('decommissioned'),
    fields: [field('decommissioningDate', 'date'), field('decommissioningReason', 'textarea')],
  },
]

/** Every field any transition fills in: the card's lifecycle data, changed only by transitions. */
export const LIFECYCLE_DATA_FIELDS = [
  ...new Set(TRANSITIONS.flatMap((transition) => transition.fields.map(({ name }) => name))),
].filter((name) => name !== 'password' && name !== 'model')

export function transitionsFrom(status: PumpStatus): Transition[] {
  return TRANSITIONS.filter((transition) => transition.from === status)
}

/** Statuses a pump commissions itself from when its modem first connects. */
export const AWAITING_COMMISSIONING: readonly PumpStatus[] = ['released', 'shipped']

export {
  EVENT_ACTOR_LABELS,
  EVENT_ACTORS,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  type EventActor,
  type EventKind,
  type EventSource,
} from './lifecycle-events'
export {
  collectTransitionData,
  DATA_PROBLEM_MESSAGES,
  generateLabelPassword,
  MAX_TEXT_LENGTH,
  type CollectedData,
  type DataProblem,
  type TransitionDataContext,
} from './transition-data'
