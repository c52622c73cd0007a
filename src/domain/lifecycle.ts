// The pump's lifecycle, in the customer's order. Plain TypeScript: collections, hooks and services import it.
import { isBlank, type Bilingual } from './messages'

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

/** Who made a change, and through what. */
export const EVENT_ACTORS = ['user', 'owner', 'modem', 'system'] as const
export type EventActor = (typeof EVENT_ACTORS)[number]
export const EVENT_SOURCES = ['button', 'admin_override', 'modem', 'import', 'card', 'partner_claim', 'owner_app'] as const
export type EventSource = (typeof EVENT_SOURCES)[number]

export const EVENT_ACTOR_LABELS: Record<EventActor, Bilingual> = {
  user: { en: 'User', ru: 'Пользователь' },
  owner: { en: 'Owner (mobile app)', ru: 'Владелец (мобильное приложение)' },
  modem: { en: 'Modem', ru: 'Модем' },
  system: { en: 'System', ru: 'Система' },
}

export const EVENT_SOURCE_LABELS: Record<EventSource, Bilingual> = {
  button: { en: 'Status transition', ru: 'Переход статуса' },
  admin_override: { en: 'Set by administrator', ru: 'Установлен администратором' },
  modem: { en: 'First connection of the modem', ru: 'Первое подключение модема' },
  import: { en: 'Import', ru: 'Импорт' },
  card: { en: 'Edited in the card', ru: 'Правка карточки' },
  partner_claim: { en: 'Registered by the partner', ru: 'Регистрация партнёром' },
  owner_app: { en: 'Registered in the mobile app', ru: 'Регистрация в мобильном приложении' },
}

/** What an event records: a status change, or who the pump is assigned to. */
export const EVENT_KINDS = ['status', 'partner', 'owner'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
export const EVENT_KIND_LABELS: Record<EventKind, Bilingual> = {
  status: { en: 'Status', ru: 'Статус' },
  partner: { en: 'Responsible partner', ru: 'Ответственный партнёр' },
  owner: { en: 'Owner', ru: 'Владелец' },
}

// --- Checking the data a transition collects -------------------------------------------------------------------

export const MAX_TEXT_LENGTH = 2000
/** A clock a little ahead of the server's should not block anyone; a date days ahead is a typo. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000

export type DataProblem = 'required' | 'date' | 'future' | 'text' | 'tooLong' | 'tooShort' | 'choice' | 'unknown'

export const DATA_PROBLEM_MESSAGES: Record<DataProblem, Bilingual> = {
  required: { en: 'Required for this transition', ru: 'Обязательно для этого перехода' },
  date: { en: 'Not a date (use ISO 8601, e.g. 2026-11-28T10:00:00Z)', ru: 'Это не дата (формат ISO 8601, например 2026-11-28T10:00:00Z)' },
  future: { en: 'The date is in the future', ru: 'Дата в будущем' },
  text: { en: 'Must be text', ru: 'Должно быть текстом' },
  tooLong: { en: `At most ${MAX_TEXT_LENGTH} characters`, ru: `Не длиннее ${MAX_TEXT_LENGTH} символов` },
  tooShort: { en: 'Too short', ru: 'Слишком короткий' },
  choice: { en: 'Not one of the choices', ru: 'Нет такого варианта' },
  unknown: { en: 'This transition does not ask for this field', ru: 'Этот переход не запрашивает такое поле' },
}

export type TransitionDataContext = {
  now: Date
  /** The pump's model, the default of a `model` field. */
  currentModel: number | string | null
  /** A pump that already has a password keeps it when none is typed. */
  hasPassword: boolean
  minPasswordLength: number
  generatePassword: () => string
}

export type CollectedData =
  | { ok: true; values: Partial<Record<TransitionFieldName, string | number>>; generatedPassword?: string }
  | { ok: false; problems: { field: string; problem: DataProblem }[] }

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * Checks what a client sent for a transition against the table, fills in the defaults and returns the card values
 * (dates as ISO strings), or every problem at once.
 */
export function collectTransitionData(
  transition: Transition,
  input: Record<string, unknown>,
  context: TransitionDataContext,
): CollectedData {
  const problems: { field: string; problem: DataProblem }[] = []
  const values: Partial<Record<TransitionFieldName, string | number>> = {}
  let generatedPassword: string | undefined
  const known = new Set<string>(transition.fields.map(({ name }) => name))
  for (const name of Object.keys(input)) if (!known.has(name)) problems.push({ field: name, problem: 'unknown' })

  for (const { name, type, required } of transition.fields) {
    const value = input[name]
    switch (type) {
      case 'date': {
        if (isBlank(value)) {
          values[name] = context.now.toISOString()
          break
        }
        const time = typeof value === 'string' && ISO_DATE.test(value.trim()) ? Date.parse(value.trim()) : NaN
        if (Number.isNaN(time)) problems.push({ field: name, problem: 'date' })
        else if (time > context.now.getTime() + FUTURE_TOLERANCE_MS) problems.push({ field: name, problem: 'future' })
        else values[name] = new Date(time).toISOString()
        break
      }
      case 'model': {
        if (isBlank(value)) {
          if (context.currentModel !== null) values[name] = context.currentModel
          else if (required) problems.push({ field: name, problem: 'required' })
        } else if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
          values[name] = Number(value)
        } else {
          problems.push({ field: name, problem: 'choice' })
        }
        break
      }
      case 'pumpPassword': {
        if (isBlank(value)) {
          if (!context.hasPassword) generatedPassword = values[name] = context.generatePassword()
        } else if (typeof value !== 'string') problems.push({ field: name, problem: 'text' })
        else if (value.length < context.minPasswordLength) problems.push({ field: name, problem: 'tooShort' })
        else values[name] = value
        break
      }
      case 'text':
      case 'textarea': {
        if (isBlank(value)) {
          if (required) problems.push({ field: name, problem: 'required' })
        } else if (typeof value !== 'string') problems.push({ field: name, problem: 'text' })
        else if (value.trim().length > MAX_TEXT_LENGTH) problems.push({ field: name, problem: 'tooLong' })
        else values[name] = value.trim()
        break
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, values, generatedPassword }
}

/** No 0/O, 1/l/I: the password is read off a printed label and typed by hand. */
const LABEL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Twelve label characters in three groups (about 60 bits), e.g. K7QM-3XPA-9DHE. */
export function generateLabelPassword(randomIndex: (size: number) => number): string {
  const characters = Array.from({ length: 12 }, () => LABEL_ALPHABET[randomIndex(LABEL_ALPHABET.length)])
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-')
}
