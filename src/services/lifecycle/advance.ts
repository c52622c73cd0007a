// A service engineer's (or admin's) "Next status" button: the next allowed status from the transition table, the
// data that transition collects, and the pump's printed password or device key when it issues them.
import { randomInt } from 'node:crypto'

import { type PayloadRequest } from 'payload'

import {
  collectTransitionData,
  DATA_PROBLEM_MESSAGES,
  generateLabelPassword,
  isPumpStatus,
  PUMP_STATUSES,
  STATUS_LABELS,
  transitionsFrom,
  type PumpStatus,
  type Transition,
} from '../../domain/lifecycle'
import { PUMP_PASSWORD_MIN_LENGTH, relationId } from '../../domain/pump'
import { fieldError, fieldErrors, inUserLanguage } from '../../i18n'
import type { Pump, PumpEvent } from '../../payload-types'
import { generateDeviceKey } from '../device-keys'
import { changeStatus, statusOf, TransitionRefused } from './change-status'
import { checkedComment, confirmOwnPassword, onlyStaff, visiblePump } from './asking'

export type AdvanceRequest = { password?: unknown; to?: unknown; data?: unknown; comment?: unknown }
export type StatusChangeResult = {
  pump: Pump
  event: PumpEvent
  generatedPassword?: string
  generatedDeviceKey?: string
}

function statusNames(list: readonly PumpStatus[], language: 'en' | 'ru'): string {
  return list.map((status) => `${status} (${STATUS_LABELS[status][language]})`).join(', ')
}

/** The transition asked for (`to`), or the only one there is; a 400 or 409 otherwise. */
function chooseTransition(req: PayloadRequest, from: PumpStatus, to: unknown): Transition {
  const options = transitionsFrom(from)
  const targets = options.map((transition) => transition.to)
  if (to !== undefined && to !== null && to !== '') {
    if (!isPumpStatus(to)) {
      throw fieldError(req, 'pumps', 'to', {
        en: `Unknown status; the statuses are ${PUMP_STATUSES.join(', ')}`,
        ru: `Нет такого статуса; статусы: ${PUMP_STATUSES.join(', ')}`,
      })
    }
    const chosen = options.find((transition) => transition.to === to)
    if (chosen) return chosen
  } else if (options.length === 1) {
    return options[0]
  } else if (options.length > 1) {
    throw fieldError(req, 'pumps', 'to', {
      en: `Choose the next status: ${statusNames(targets, 'en')}`,
      ru: `Выберите следующий статус: ${statusNames(targets, 'ru')}`,
    })
  }
  throw new TransitionRefused(
    inUserLanguage(req, {
      en: `From "${STATUS_LABELS[from].en}" the pump can move only to: ${targets.length ? statusNames(targets, 'en') : 'nothing (final status)'}`,
      ru: `Из статуса «${STATUS_LABELS[from].ru}» насос переходит только в: ${targets.length ? statusNames(targets, 'ru') : 'никуда (конечный статус)'}`,
    }),
    409,
  )
}

async function modelExists(req: PayloadRequest, id: unknown): Promise<boolean> {
  const { totalDocs } = await req.payload.count({ collection: 'models', where: { id: { equals: id } }, req })
  return totalDocs > 0
}

/** The card values the transition sets from what was sent, or a 400 naming each field that is wrong. */
async function collectedValues(req: PayloadRequest, pump: Pump, transition: Transition, sent: unknown) {
  if (sent !== undefined && (typeof sent !== 'object' || sent === null || Array.isArray(sent))) {
    throw fieldError(req, 'pumps', 'data', { en: 'Must be an object', ru: 'Должно быть объектом' })
  }
  const collected = collectTransitionData(transition, (sent ?? {}) as Record<string, unknown>, {
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
      collected.problems.map(({ field, problem }) => ({
        path: `data.${field}`,
        message: DATA_PROBLEM_MESSAGES[problem],
      })),
    )
  }
  if (collected.values.model !== undefined && !(await modelExists(req, collected.values.model))) {
    throw fieldError(req, 'pumps', 'data.model', DATA_PROBLEM_MESSAGES.choice)
  }
  return collected
}

/** A service engineer's (or admin's) "Next status" button: the next allowed status, with its data and password. */
export async function advanceStatus(
  req: PayloadRequest,
  id: unknown,
  input: AdvanceRequest,
): Promise<StatusChangeResult> {
  onlyStaff(req)
  const pump = await visiblePump(req, id)
  const from = statusOf(pump)
  const transition = chooseTransition(req, from, input.to)
  const { values, generatedPassword } = await collectedValues(req, pump, transition, input.data)
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
