// What the caller may do with a pump now, with the fields each change asks for: the admin's status dialog renders it.
import { type PayloadRequest } from 'payload'

import { isAdminUser, isStaff } from '../../../access'
import { PUMP_STATUSES, STATUS_LABELS, transitionsFrom, type PumpStatus, type Transition } from '../../domain/lifecycle'
import { relationId } from '../../domain/pump'
import { inUserLanguage } from '../../i18n'
import type { Model, Pump } from '../../payload-types'
import { visiblePump } from './asking'
import { statusOf } from './change-status'

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

type OfferContext = { req: PayloadRequest; language: 'en' | 'ru'; pump: Pump; now: string; models: Model[] }

/** One field of a transition as the dialog shows it: its default, its choices, and what leaving it empty does. */
function offeredField(field: Transition['fields'][number], context: OfferContext): TransitionOffer['fields'][number] {
  const { req, language, pump, now, models } = context
  const defaultValue =
    field.type === 'date'
      ? now
      : field.type === 'model'
        ? relationId(pump.model)
        : field.type === 'pumpPassword'
          ? null
          : ''
  return {
    name: field.name,
    type: field.type,
    required: field.type === 'pumpPassword' ? false : field.required,
    label: field.label[language],
    defaultValue,
    ...(field.type === 'model' ? { options: models.map((model) => ({ value: model.id, label: model.name })) } : {}),
    ...(field.type === 'pumpPassword'
      ? {
          description: pump.passwordHash
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
  }
}

/** The transitions from `status` a staff member may take, each with its fields. */
async function offeredTransitions(req: PayloadRequest, pump: Pump, status: PumpStatus, language: 'en' | 'ru') {
  const options = transitionsFrom(status)
  const needsModels = options.some((t) => t.fields.some((field) => field.type === 'model'))
  const models = needsModels
    ? (await req.payload.find({ collection: 'models', depth: 0, limit: 1000, sort: 'name', req })).docs
    : []
  const context: OfferContext = { req, language, pump, now: new Date().toISOString(), models }
  return options.map((transition) => ({
    to: transition.to,
    toLabel: STATUS_LABELS[transition.to][language],
    action: transition.action,
    label: transition.label[language],
    fields: transition.fields.map((field) => offeredField(field, context)),
  }))
}

/** What the caller may do with this pump now, with the fields each change asks for (the admin dialog renders it). */
export async function availableTransitions(req: PayloadRequest, id: unknown): Promise<TransitionsAnswer> {
  const pump = await visiblePump(req, id)
  const status = statusOf(pump)
  const language = req.i18n?.language === 'ru' ? 'ru' : 'en'
  const transitions: TransitionOffer[] = isStaff(req.user) ? await offeredTransitions(req, pump, status, language) : []
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
