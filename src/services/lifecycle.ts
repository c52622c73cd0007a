// The only way a pump's status changes: a transition from the table (a service engineer's button), an
// administrator's override, or the modem's first connection. Each change and its history event are written in one
// database transaction, under a lock on the pump's row, so two people pressing the button at once make one change.
import { randomInt } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import {
  APIError,
  createLocalReq,
  NotFound,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { isAdminUser, isStaff } from '../../access'
import {
  AWAITING_COMMISSIONING,
  collectTransitionData,
  DATA_PROBLEM_MESSAGES,
  generateLabelPassword,
  isPumpStatus,
  MAX_TEXT_LENGTH,
  PUMP_STATUSES,
  STATUS_LABELS,
  transitionsFrom,
  type EventActor,
  type EventSource,
  type PumpStatus,
  type Transition,
} from '../domain/lifecycle'
import { pumpFlowContext } from '../domain/flow'
import { isBlank, REQUIRED } from '../domain/messages'
import { PUMP_PASSWORD_MIN_LENGTH, relationId } from '../domain/pump'
import { normalizeSerial } from '../domain/registration'
import { fieldErrors, inUserLanguage, type FieldProblem } from '../i18n'
import type { Pump, PumpEvent } from '../payload-types'
import { generateDeviceKey } from './device-keys'
import { recordEvent } from './history'
import { requireOwnPassword } from './passwords'
import { inTransaction, transactionDb } from './transaction'

/** A transition refused for who asks or where the pump is (403, 409): an answer, not a server fault. */
export class TransitionRefused extends APIError {
  constructor(message: string, status: 403 | 409) {
    super(message, status)
  }
}

/** The pump moved on (another user, the modem) between reading it and changing it: 409, nothing changed. */
export class StatusConflict extends APIError {
  constructor(req: PayloadRequest, current: PumpStatus) {
    super(
      inUserLanguage(req, {
        en: `The pump's status is now "${STATUS_LABELS[current].en}": reload the card and try again`,
        ru: `Статус насоса уже «${STATUS_LABELS[current].ru}»: обновите карточку и повторите`,
      }),
      409,
    )
  }
}

type StatusChange = {
  pumpId: number
  to: PumpStatus
  /** Checked under the row lock: the status the change was decided from. */
  allowedFrom: (current: PumpStatus) => boolean
  /** Pump card values the change sets besides the status. */
  values?: Record<string, unknown>
  /** What the history event keeps of them (never a password). */
  data?: Record<string, unknown>
  comment?: string
  actor: EventActor
  source: EventSource
  at?: Date
}

async function lockedStatus(req: PayloadRequest, pumpId: number): Promise<PumpStatus | null> {
  const db = await transactionDb(req)
  const result = await db.execute(sql`select status from pumps where id = ${pumpId} for update`)
  const row = (result as unknown as { rows: { status: PumpStatus }[] }).rows[0]
  return row ? row.status : null
}

/** The one place `status` is written: the change and its history event, together or not at all. */
async function changeStatus(req: PayloadRequest, change: StatusChange): Promise<{ pump: Pump; event: PumpEvent }> {
  return inTransaction(req, async () => {
    const from = await lockedStatus(req, change.pumpId)
    if (from === null) throw new NotFound(req.t)
    if (!change.allowedFrom(from)) throw new StatusConflict(req, from)
    const pump = await req.payload.update({
      collection: 'pumps',
      id: change.pumpId,
      data: { ...change.values, status: change.to },
      depth: 0,
      req,
      overrideAccess: true,
      context: pumpFlowContext('lifecycle'),
    })
    const event = await recordEvent(req, {
      pump: change.pumpId,
      kind: 'status',
      at: change.at,
      from,
      to: change.to,
      actor: change.actor,
      source: change.source,
      comment: change.comment,
      data: change.data,
    })
    return { pump, event }
  })
}

/** The caller confirms with their own account password; a wrong one counts toward the lockout like a failed login. */
async function confirmOwnPassword(req: PayloadRequest, password: unknown): Promise<void> {
  if (typeof password !== 'string' || password === '') {
    throw fieldErrors(req, 'pumps', [{ path: 'password', message: { en: 'Enter your password', ru: 'Введите свой пароль' } }])
  }
  await requireOwnPassword(req, password, {
    en: 'Wrong password: the status was not changed',
    ru: 'Неверный пароль: статус не изменён',
  })
}

/** The pump if the caller may read it, with its hidden hashes (whether it has a password and a device key): for the
 * service's own use, never returned. */
async function visiblePump(req: PayloadRequest, id: unknown): Promise<Pump> {
  const pumpId = Number(id)
  if (!Number.isSafeInteger(pumpId)) throw new NotFound(req.t)
  try {
    return await req.payload.findByID({
      collection: 'pumps',
      id: pumpId,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      showHiddenFields: true,
      req,
    })
  } catch {
    throw new NotFound(req.t)
  }
}

function statusOf(pump: Pump): PumpStatus {
  return isPumpStatus(pump.status) ? pump.status : 'created'
}

function chooseTransition(req: PayloadRequest, from: PumpStatus, to: unknown): Transition {
  const options = transitionsFrom(from)
  const names = (list: readonly PumpStatus[], language: 'en' | 'ru') =>
    list.map((status) => `${status} (${STATUS_LABELS[status][language]})`).join(', ')
  if (to !== undefined && to !== null && to !== '') {
    if (!isPumpStatus(to)) {
      throw fieldErrors(req, 'pumps', [
        {
          path: 'to',
          message: {
            en: `Unknown status; the statuses are ${PUMP_STATUSES.join(', ')}`,
            ru: `Нет такого статуса; статусы: ${PUMP_STATUSES.join(', ')}`,
          },
        },
      ])
    }
    const chosen = options.find((transition) => transition.to === to)
    if (chosen) return chosen
  } else if (options.length === 1) {
    return options[0]
  } else if (options.length > 1) {
    const targets = options.map((transition) => transition.to)
    throw fieldErrors(req, 'pumps', [
      {
        path: 'to',
        message: {
          en: `Choose the next status: ${names(targets, 'en')}`,
          ru: `Выберите следующий статус: ${names(targets, 'ru')}`,
        },
      },
    ])
  }
  const targets = options.map((transition) => transition.to)
  throw new TransitionRefused(
    inUserLanguage(req, {
      en: `From "${STATUS_LABELS[from].en}" the pump can move only to: ${targets.length ? names(targets, 'en') : 'nothing (final status)'}`,
      ru: `Из статуса «${STATUS_LABELS[from].ru}» насос переходит только в: ${targets.length ? names(targets, 'ru') : 'никуда (конечный статус)'}`,
    }),
    409,
  )
}

function checkedComment(req: PayloadRequest, comment: unknown, required: boolean): string | undefined {
  if (isBlank(comment)) {
    if (required) throw fieldErrors(req, 'pumps', [{ path: 'comment', message: REQUIRED }])
    return undefined
  }
  if (typeof comment !== 'string') throw fieldErrors(req, 'pumps', [{ path: 'comment', message: DATA_PROBLEM_MESSAGES.text }])
  if (comment.trim().length > MAX_TEXT_LENGTH) {
    throw fieldErrors(req, 'pumps', [{ path: 'comment', message: DATA_PROBLEM_MESSAGES.tooLong }])
  }
  return comment.trim()
}

function onlyStaff(req: PayloadRequest): void {
  if (!isStaff(req.user)) {
    throw new TransitionRefused(
      inUserLanguage(req, {
        en: 'Only service engineers and administrators change a pump’s status',
        ru: 'Статус насоса меняют только сервисные инженеры и администраторы',
      }),
      403,
    )
  }
}

export type AdvanceRequest = { password?: unknown; to?: unknown; data?: unknown; comment?: unknown }
export type StatusChangeResult = { pump: Pump; event: PumpEvent; generatedPassword?: string; generatedDeviceKey?: string }

/** A service engineer's (or admin's) "Next status" button: the next allowed status, with its data and password. */
export async function advanceStatus(req: PayloadRequest, id: unknown, input: AdvanceRequest): Promise<StatusChangeResult> {
  onlyStaff(req)
  const pump = await visiblePump(req, id)
  const from = statusOf(pump)
  const transition = chooseTransition(req, from, input.to)
  if (input.data !== undefined && (typeof input.data !== 'object' || input.data === null || Array.isArray(input.data))) {
    throw fieldErrors(req, 'pumps', [{ path: 'data', message: { en: 'Must be an object', ru: 'Должно быть объектом' } }])
  }
  const collected = collectTransitionData(transition, (input.data ?? {}) as Record<string, unknown>, {
    now: new Date(),
    currentModel: relationId(pump.model),
    hasPassword: Boolean(pump.passwordHash),
    minPasswordLength: PUMP_PASSWORD_MIN_LENGTH,
    generatePassword: () => generateLabelPassword(randomInt),
  })
  if (!collected.ok) {
    throw fieldErrors(
      req,
      'pumps',
      collected.problems.map(({ field, problem }) => ({ path: `data.${field}`, message: DATA_PROBLEM_MESSAGES[problem] })),
    )
  }
  const { values, generatedPassword } = collected
  if (values.model !== undefined && !(await modelExists(req, values.model))) {
    throw fieldErrors(req, 'pumps', [{ path: 'data.model', message: DATA_PROBLEM_MESSAGES.choice }])
  }
  const comment = checkedComment(req, input.comment, false)
  await confirmOwnPassword(req, input.password)
  const { password: _secret, ...data } = values
  const deviceKey = transition.issuesDeviceKey && !pump.deviceKeyHash ? generateDeviceKey() : null
  const result = await changeStatus(req, {
    pumpId: pump.id,
    to: transition.to,
    allowedFrom: (current) => current === from,
    values: deviceKey ? { ...values, deviceKeyHash: deviceKey.hash(req.payload.secret) } : values,
    data,
    comment,
    actor: 'user',
    source: 'button',
  })
  return { ...result, generatedPassword, generatedDeviceKey: deviceKey?.key }
}

export type SetStatusRequest = { password?: unknown; status?: unknown; comment?: unknown }

/** An administrator sets any status of the list, with their password and a mandatory comment. */
export async function setStatus(req: PayloadRequest, id: unknown, input: SetStatusRequest): Promise<StatusChangeResult> {
  if (!isAdminUser(req.user)) {
    throw new TransitionRefused(
      inUserLanguage(req, {
        en: 'Only an administrator sets an arbitrary status',
        ru: 'Произвольный статус устанавливает только администратор',
      }),
      403,
    )
  }
  const pump = await visiblePump(req, id)
  const from = statusOf(pump)
  if (!isPumpStatus(input.status)) {
    throw fieldErrors(req, 'pumps', [
      {
        path: 'status',
        message: {
          en: `Choose one of: ${PUMP_STATUSES.join(', ')}`,
          ru: `Выберите один из статусов: ${PUMP_STATUSES.join(', ')}`,
        },
      },
    ])
  }
  const to = input.status
  if (to === from) {
    throw fieldErrors(req, 'pumps', [
      { path: 'status', message: { en: 'The pump already has this status', ru: 'У насоса уже этот статус' } },
    ])
  }
  const comment = checkedComment(req, input.comment, true)
  await confirmOwnPassword(req, input.password)
  return changeStatus(req, {
    pumpId: pump.id,
    to,
    allowedFrom: (current) => current === from,
    comment,
    actor: 'user',
    source: 'admin_override',
  })
}

/**
 * The first network connection of a released or shipped pump puts it into operation (source `modem`). Called by
 * the MQTT ingestion; idempotent, and two calls at once make one change. Returns whether this call commissioned it.
 */
export async function commissionOnFirstConnection(payload: Payload, serial: string, at: Date): Promise<boolean> {
  const { docs } = await payload.find({
    collection: 'pumps',
    where: { serial: { equals: normalizeSerial(serial) } },
    depth: 0,
    limit: 1,
    select: { status: true },
    overrideAccess: true,
  })
  const pump = docs[0]
  if (!pump || !AWAITING_COMMISSIONING.includes(statusOf(pump as Pump))) return false
  const req = await createLocalReq({}, payload)
  const commissioningDate = at.toISOString()
  try {
    await changeStatus(req, {
      pumpId: pump.id,
      to: 'in_operation',
      allowedFrom: (current) => AWAITING_COMMISSIONING.includes(current),
      values: { commissioningDate },
      data: { commissioningDate },
      actor: 'modem',
      source: 'modem',
      at,
    })
    return true
  } catch (error) {
    if (error instanceof StatusConflict) return false
    throw error
  }
}

/**
 * Status changes recorded by a seed or an import (source `import`, actor `system`): walks the pump along the given
 * statuses, each with its event, so imported pumps have a history like any other. `by` and `at` record it as that
 * staff member's transition at that time instead (the demo's story).
 */
export async function importStatus(
  payload: Payload,
  pumpId: number,
  to: PumpStatus,
  values: Record<string, unknown> = {},
  options: { by?: PayloadRequest['user']; at?: Date } = {},
): Promise<void> {
  const req = await createLocalReq(options.by ? { user: options.by } : {}, payload)
  const { password: _secret, ...data } = values
  await changeStatus(req, {
    pumpId,
    to,
    allowedFrom: (current) => current !== to,
    values,
    data,
    actor: options.by ? 'user' : 'system',
    source: options.by ? 'button' : 'import',
    at: options.at,
  })
}

async function modelExists(req: PayloadRequest, id: unknown): Promise<boolean> {
  const { totalDocs } = await req.payload.count({ collection: 'models', where: { id: { equals: id } }, req })
  return totalDocs > 0
}

export type TransitionOffer = {
  to: PumpStatus
  toLabel: string
  action: Transition['action']
  label: string
  fields: {
    name: string
    type: string
    required: boolean
    label: string
    defaultValue?: string | number | null
    description?: string
    options?: { value: number | string; label: string }[]
  }[]
}

export type TransitionsAnswer = {
  status: PumpStatus
  statusLabel: string
  /** The caller confirms every change with their own password. */
  passwordRequired: true
  transitions: TransitionOffer[]
  /** Administrators only: any other status, with a mandatory comment. */
  setStatus: { statuses: { value: PumpStatus; label: string }[] } | null
}

/** What the caller may do with this pump now, with the fields each change asks for (the admin dialog renders it). */
export async function availableTransitions(req: PayloadRequest, id: unknown): Promise<TransitionsAnswer> {
  const pump = await visiblePump(req, id)
  const status = statusOf(pump)
  const language = req.i18n?.language === 'ru' ? 'ru' : 'en'
  const staff = isStaff(req.user)
  const now = new Date().toISOString()
  const currentModel = relationId(pump.model)
  const hasPassword = staff && Boolean(pump.passwordHash)
  const needsModels = staff && transitionsFrom(status).some((t) => t.fields.some((field) => field.type === 'model'))
  const models = needsModels
    ? (await req.payload.find({ collection: 'models', depth: 0, limit: 1000, sort: 'name', req })).docs
    : []
  const transitions: TransitionOffer[] = staff
    ? transitionsFrom(status).map((transition) => ({
        to: transition.to,
        toLabel: STATUS_LABELS[transition.to][language],
        action: transition.action,
        label: transition.label[language],
        fields: transition.fields.map((field) => ({
          name: field.name,
          type: field.type,
          required: field.type === 'pumpPassword' ? false : field.required,
          label: field.label[language],
          defaultValue:
            field.type === 'date' ? now : field.type === 'model' ? currentModel : field.type === 'pumpPassword' ? null : '',
          ...(field.type === 'model'
            ? { options: models.map((model) => ({ value: model.id, label: model.name })) }
            : {}),
          ...(field.type === 'pumpPassword'
            ? {
                description: hasPassword
                  ? inUserLanguage(req, {
                      en: 'Leave empty to keep the current password',
                      ru: 'Оставьте пустым, чтобы сохранить текущий пароль',
                    })
                  : inUserLanguage(req, {
                      en: 'Leave empty to generate one; it is shown once, for the label',
                      ru: 'Оставьте пустым, чтобы создать автоматически; он будет показан один раз — для этикетки',
                    }),
              }
            : {}),
        })),
      }))
    : []
  return {
    status,
    statusLabel: STATUS_LABELS[status][language],
    passwordRequired: true,
    transitions,
    setStatus: isAdminUser(req.user)
      ? {
          statuses: PUMP_STATUSES.filter((value) => value !== status).map((value) => ({
            value,
            label: STATUS_LABELS[value][language],
          })),
        }
      : null,
  }
}
