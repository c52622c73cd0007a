// The pump card's rules that hold however it is written: protected fields change only through their own flows,
// the printed password is kept as a hash, the time zone follows the region, and assignments reach the history.
import bcrypt from 'bcryptjs'
import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeValidateHook,
  FieldHook,
  PayloadRequest,
  TextFieldSingleValidation,
} from 'payload'

import { buyerOf, partnerOf } from '../access'
import { checkIccid, ICCID_ERRORS, normalizeIccid } from '../src/domain/iccid'
import { INITIAL_STATUS, LIFECYCLE_DATA_FIELDS } from '../src/domain/lifecycle'
import {
  CONNECTIVITY_FIELDS,
  PROTECTED_PUMP_FIELDS,
  PUMP_PASSWORD_MIN_LENGTH,
  relationId,
  sameFieldValue,
  sameId,
} from '../src/domain/pump'
import { normalizeSerial } from '../src/domain/registration'
import { timezoneForRegion } from '../src/domain/timezone'
import { recordEvent } from '../src/services/history'
import { assignmentSourceOf, PUMP_FLOW_CONTEXT_KEY, pumpFlowOf, type PumpFlow } from '../src/domain/flow'
import { fieldError, fieldErrors, inUserLanguage, type Message } from '../src/i18n'
import type { Pump } from '../src/payload-types'

const CREATE_DEFAULTS: Record<string, unknown> = { status: INITIAL_STATUS, online: false }

type ProtectedField = (typeof PROTECTED_PUMP_FIELDS)[number] | 'password'

/** What each flow may change; a flow still may not touch another flow's fields. */
const FLOW_FIELDS: Record<PumpFlow, readonly ProtectedField[]> = {
  lifecycle: ['status', ...LIFECYCLE_DATA_FIELDS, 'password'],
  ingest: CONNECTIVITY_FIELDS,
  registration: [],
  seed: [...PROTECTED_PUMP_FIELDS, 'password'],
}

function inFlow(req: PayloadRequest): boolean {
  return Boolean(req.context?.[PUMP_FLOW_CONTEXT_KEY])
}

function refusal(path: ProtectedField) {
  if (path === 'status') {
    return { en: 'The status changes only through a status transition', ru: 'Статус меняется только переходом статуса' }
  }
  if (path === 'password') {
    return {
      en: "The pump's password is set when the pump is created or produced, not by editing the card",
      ru: 'Пароль насоса задаётся при создании или производстве насоса, а не правкой карточки',
    }
  }
  if ((CONNECTIVITY_FIELDS as readonly string[]).includes(path)) {
    return {
      en: 'Connectivity fields are reported by the pump’s modem and cannot be edited',
      ru: 'Поля связи сообщает модем насоса, их нельзя редактировать',
    }
  }
  return {
    en: 'Filled in by the status transition that collects it',
    ru: 'Заполняется переходом статуса, который запрашивает это поле',
  }
}

/**
 * Status, lifecycle data and connectivity change only through their own flows: a plain write that touches them is
 * refused, whoever sends it and by whatever path.
 */
export const refuseProtectedPumpFields: CollectionBeforeValidateHook = ({ data, originalDoc, operation, req }) => {
  if (!data) return data
  const flow = pumpFlowOf(req.context)
  const allowed: readonly string[] = flow ? (FLOW_FIELDS[flow] ?? []) : []
  const before = operation === 'update' ? (originalDoc ?? {}) : CREATE_DEFAULTS
  const touched: ProtectedField[] = PROTECTED_PUMP_FIELDS.filter(
    (name) => !allowed.includes(name) && name in data && !sameFieldValue(data[name], before[name]),
  )
  // A password is welcome when the pump is created; later only its transition sets it.
  if (operation === 'update' && !allowed.includes('password') && typeof data.password === 'string' && data.password) {
    touched.push('password')
  }
  if (touched.length)
    throw fieldErrors(
      req,
      'pumps',
      touched.map((path) => ({ path, message: refusal(path) })),
    )
  return data
}

/** The printed password is kept only as a bcrypt hash. */
export const hashPumpPassword: CollectionBeforeChangeHook<Pump> = async ({ data, req }) => {
  if (typeof data.password === 'string' && data.password !== '') {
    if (data.password.length < PUMP_PASSWORD_MIN_LENGTH) {
      throw fieldError(req, 'pumps', 'password', {
        en: `The pump's password has at least ${PUMP_PASSWORD_MIN_LENGTH} characters`,
        ru: `Пароль насоса — не короче ${PUMP_PASSWORD_MIN_LENGTH} символов`,
      })
    }
    data.passwordHash = await bcrypt.hash(data.password, 10)
  }
  delete data.password
  return data
}

/** The time zone follows the region; a region outside the chosen country is refused, a missing country filled in. */
export const deriveInstallationTimezone: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const regionId = relationId(data.region !== undefined ? data.region : originalDoc?.region)
  if (regionId === null) {
    data.timezone = null
    return data
  }
  const region = await req.payload.findByID({
    collection: 'regions',
    id: regionId,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const countryId = relationId(data.country !== undefined ? data.country : originalDoc?.country)
  const regionCountry = relationId(region.country)
  if (countryId === null) {
    data.country = regionCountry
  } else if (!sameId(countryId, regionCountry)) {
    throw fieldError(req, 'pumps', 'region', {
      en: 'This region is not in the chosen country',
      ru: 'Этот регион не относится к выбранной стране',
    })
  }
  data.timezone = timezoneForRegion(region)
  return data
}

export const normalizeSimNumber: FieldHook = ({ value }) =>
  typeof value === 'string' ? normalizeIccid(value) || null : value

export const validateSimNumber: TextFieldSingleValidation = (value, { req }) => {
  if (!value) return true
  const checked = checkIccid(value)
  return checked.ok ? true : inUserLanguage(req, ICCID_ERRORS[checked.reason])
}

/** The pump card links its model's PDF manual; looked up once per model and request. */
export const manualUrlFromModel: FieldHook = async ({ siblingData, req }) => {
  const modelId = relationId(siblingData?.model)
  if (modelId === null) return null
  const cache = ((req.context.manualUrls as Map<string, Promise<string | null>>) ??= new Map())
  const key = String(modelId)
  if (!cache.has(key)) {
    cache.set(
      key,
      req.payload
        .findByID({ collection: 'models', id: modelId, depth: 1, req, overrideAccess: true })
        .then((model) => {
          const manual = model.manual
          return manual && typeof manual === 'object' ? (manual.url ?? null) : null
        })
        .catch(() => null),
    )
  }
  return cache.get(key)
}

/** A pump deleted by an administrator takes its history with it (in the same transaction). */
export const deletePumpHistory: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'pumpEvents', where: { pump: { equals: id } }, req, overrideAccess: true })
}

export const normalizeSerialField: FieldHook = ({ value }) =>
  typeof value === 'string' ? normalizeSerial(value) : value

const INSTALLATION_REQUIRED = ['country', 'region', 'objectType'] as const

/** A partner saving the installation form fills in where the pump is and what it heats. */
export const requireInstallationFromPartners: CollectionBeforeValidateHook = ({
  data,
  originalDoc,
  operation,
  req,
}) => {
  if (!data || operation !== 'update' || inFlow(req) || partnerOf(req.user) === null) return data
  const merged = { ...originalDoc, ...data }
  const missing = INSTALLATION_REQUIRED.filter((name) => relationId(merged[name]) === null)
  if (!missing.length) return data
  const message: Message = { en: 'Required for the installation', ru: 'Обязательно для монтажа' }
  throw fieldErrors(
    req,
    'pumps',
    missing.map((path) => ({ path, message })),
  )
}

/** Fields an owner's update leaves as they are whatever it sends: the nickname, and what Payload itself sets. */
const OWNER_UNTOUCHED = ['nickname', 'id', 'updatedAt', 'createdAt', 'history', 'manualUrl']

/** From the app an owner changes only the pump's nickname. */
export const ownersChangeOnlyNickname: CollectionBeforeValidateHook = ({ data, originalDoc, operation, req }) => {
  if (!data || operation !== 'update' || inFlow(req) || buyerOf(req.user) === null) return data
  // `data` here is the whole card (what was sent over what was stored): what differs is what the owner sent.
  const others = Object.keys(data).filter(
    (name) => !OWNER_UNTOUCHED.includes(name) && !sameFieldValue(data[name], originalDoc?.[name]),
  )
  if (!others.length) return data
  const message: Message = {
    en: 'An owner changes only the nickname of the pump',
    ru: 'Владелец меняет только название насоса',
  }
  throw fieldErrors(
    req,
    'pumps',
    others.map((path) => ({ path, message })),
  )
}

/**
 * The assignment as stored after this change: `doc` is what the caller may read (an owner's view has no partner,
 * a partner's no owner), so a field counts only when it was in the written data; `previousDoc` is the stored card.
 */
function assignmentChange(
  data: Record<string, unknown> | undefined,
  previousDoc: Record<string, unknown> | undefined,
  name: 'responsiblePartner' | 'owner',
) {
  if (!data || !(name in data)) return null
  const next = relationId(data[name])
  return sameId(next, previousDoc?.[name]) ? null : { next }
}

/** A new responsible partner or owner is written to the pump's history, in the same transaction. */
export const recordAssignmentChanges: CollectionAfterChangeHook = async ({
  data,
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'update') return doc
  const source = assignmentSourceOf(req.context) ?? 'card'
  const partnerChange = assignmentChange(data, previousDoc, 'responsiblePartner')
  if (partnerChange) {
    const partner = partnerChange.next
    const named =
      partner === null
        ? null
        : await req.payload.findByID({ collection: 'partners', id: partner, depth: 0, req, overrideAccess: true })
    await recordEvent(req, {
      pump: doc.id,
      kind: 'partner',
      partner: partner as number | null,
      assignedTo: named?.title ?? null,
      source,
    })
  }
  const ownerChange = assignmentChange(data, previousDoc, 'owner')
  if (ownerChange) {
    const owner = ownerChange.next
    const named =
      owner === null
        ? null
        : await req.payload.findByID({ collection: 'buyers', id: owner, depth: 0, req, overrideAccess: true })
    await recordEvent(req, {
      pump: doc.id,
      kind: 'owner',
      owner: owner as number | null,
      assignedTo: named?.phone ?? null,
      source,
    })
  }
  return doc
}
