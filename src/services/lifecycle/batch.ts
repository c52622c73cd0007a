// A batch transition: many pumps moved to one status with one form and one password (release, ship with one
// consignee and waybill, into operation, to service, decommission). All or nothing: every pump is locked and checked
// in one transaction; if any cannot move (wrong status, locked by another change) nothing moves and the answer lists
// which and why. Each pump gets its own history event with the batch's id. Bulk SQL, so a truckload takes seconds.
import { randomUUID } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { APIError, type PayloadRequest } from 'payload'

import {
  collectTransitionData,
  DATA_PROBLEM_MESSAGES,
  isPumpStatus,
  STATUS_LABELS,
  TRANSITIONS,
  type PumpStatus,
  type Transition,
} from '../../domain/lifecycle'
import { PUMP_PASSWORD_MIN_LENGTH } from '../../domain/pump'
import { normalizeSerial } from '../../domain/registration'
import { fieldError, fieldErrors, inUserLanguage, type Message } from '../../i18n'
import { recordEventsInBulk } from '../history'
import { inTransaction, transactionDb } from '../transaction'
import { checkedComment, confirmOwnPassword, onlyStaff } from './asking'

/** The most pumps one batch moves (a few truckloads). */
export const MAX_BATCH = 5000
/** Batch moves: every transition but producing (which the import does, with its secrets). */
export const BATCH_TARGETS: readonly PumpStatus[] = [
  'released',
  'shipped',
  'in_operation',
  'in_service',
  'decommissioned',
]

export type BatchRequest = { password?: unknown; serials?: unknown; to?: unknown; data?: unknown; comment?: unknown }
export type BatchProblem = { serial: string; reason: string }
export type BatchResult = { batch: string; moved: number; to: PumpStatus }

/** Refused as a whole (404 unknown serials, 409 a pump cannot move): each pump named with its reason. */
export class BatchRefused extends APIError {
  constructor(
    message: string,
    status: 404 | 409,
    readonly pumps: BatchProblem[],
  ) {
    super(message, status, { pumps }, true)
  }
}

const COLUMNS: Record<string, string> = {
  releaseDate: 'release_date',
  shipmentDate: 'shipment_date',
  consignee: 'consignee',
  waybillNumber: 'waybill_number',
  commissioningDate: 'commissioning_date',
  serviceReason: 'service_reason',
  decommissioningDate: 'decommissioning_date',
  decommissioningReason: 'decommissioning_reason',
}

function target(req: PayloadRequest, to: unknown): PumpStatus {
  if (isPumpStatus(to) && BATCH_TARGETS.includes(to)) return to
  throw fieldError(req, 'pumps', 'to', {
    en: `Choose the status to move to: ${BATCH_TARGETS.join(', ')}`,
    ru: `Выберите статус: ${BATCH_TARGETS.map((status) => STATUS_LABELS[status].ru).join(', ')}`,
  })
}

function serialList(req: PayloadRequest, serials: unknown): string[] {
  const list = typeof serials === 'string' ? serials.split(/[\s,;]+/) : Array.isArray(serials) ? serials : null
  const normalized =
    list
      ?.filter((item) => typeof item === 'string')
      .map(normalizeSerial)
      .filter(Boolean) ?? []
  if (normalized.length === 0) {
    throw fieldError(req, 'pumps', 'serials', {
      en: 'Choose pumps or paste serials',
      ru: 'Выберите насосы или вставьте серийные номера',
    })
  }
  if (normalized.length > MAX_BATCH) {
    throw fieldError(req, 'pumps', 'serials', {
      en: `At most ${MAX_BATCH} pumps at once`,
      ru: `Не больше ${MAX_BATCH} насосов за раз`,
    })
  }
  return [...new Set(normalized)]
}

/** The values each transition into `to` sets, from the one form (a field only some of them ask for goes to those). */
function collectedFor(req: PayloadRequest, to: PumpStatus, sent: unknown): Map<PumpStatus, Record<string, unknown>> {
  if (sent !== undefined && (typeof sent !== 'object' || sent === null || Array.isArray(sent))) {
    throw fieldError(req, 'pumps', 'data', { en: 'Must be an object', ru: 'Должно быть объектом' })
  }
  const input = (sent ?? {}) as Record<string, unknown>
  const transitions = TRANSITIONS.filter((transition) => transition.to === to)
  const known = new Set(transitions.flatMap((transition) => transition.fields.map((field) => field.name as string)))
  const problems = Object.keys(input)
    .filter((name) => !known.has(name))
    .map((name) => ({ path: `data.${name}`, message: DATA_PROBLEM_MESSAGES.unknown }))
  const byFrom = new Map<PumpStatus, Record<string, unknown>>()
  for (const transition of transitions) {
    const own = Object.fromEntries(Object.entries(input).filter(([name]) => fieldOf(transition, name)))
    const collected = collectTransitionData(transition, own, {
      now: new Date(),
      currentModel: null,
      hasPassword: true,
      minPasswordLength: PUMP_PASSWORD_MIN_LENGTH,
      generatePassword: () => '',
    })
    if (collected.ok) byFrom.set(transition.from, collected.values)
    else
      for (const { field, problem } of collected.problems)
        problems.push({ path: `data.${field}`, message: DATA_PROBLEM_MESSAGES[problem] })
  }
  const unique = problems.filter((problem, index) => problems.findIndex((p) => p.path === problem.path) === index)
  if (unique.length) throw fieldErrors(req, 'pumps', unique)
  return byFrom
}

function fieldOf(transition: Transition, name: string): boolean {
  return transition.fields.some((field) => field.name === name)
}

type Locked = { id: number; serial: string; status: PumpStatus }

/** Locks the pumps' rows; a row another change holds is skipped (and reported), never waited for. */
async function lockPumps(
  req: PayloadRequest,
  serials: string[],
): Promise<{ locked: Locked[]; busy: string[]; unknown: string[] }> {
  const db = await transactionDb(req)
  const list = JSON.stringify(serials)
  const all = (await db.execute(
    sql`select serial from pumps where serial in (select jsonb_array_elements_text(${list}::jsonb))`,
  )) as unknown as { rows: { serial: string }[] }
  const locked = (await db.execute(sql`select id, serial, status from pumps
    where serial in (select jsonb_array_elements_text(${list}::jsonb)) for update skip locked`)) as unknown as {
    rows: Locked[]
  }
  const exists = new Set(all.rows.map((row) => row.serial))
  const got = new Set(locked.rows.map((row) => row.serial))
  return {
    locked: locked.rows,
    busy: serials.filter((serial) => exists.has(serial) && !got.has(serial)),
    unknown: serials.filter((serial) => !exists.has(serial)),
  }
}

function refusal(req: PayloadRequest, status: 404 | 409, message: Message, pumps: BatchProblem[]): BatchRefused {
  return new BatchRefused(inUserLanguage(req, message), status, pumps)
}

/** Which pumps cannot move and why, in the caller's language. */
function problemsOf(
  req: PayloadRequest,
  to: PumpStatus,
  locked: Locked[],
  busy: string[],
  byFrom: Map<PumpStatus, unknown>,
) {
  const problems: BatchProblem[] = busy.map((serial) => ({
    serial,
    reason: inUserLanguage(req, {
      en: 'Being changed by someone else right now',
      ru: 'Сейчас его меняет кто-то другой',
    }),
  }))
  for (const pump of locked) {
    if (byFrom.has(pump.status)) continue
    const from = STATUS_LABELS[pump.status]
    problems.push({
      serial: pump.serial,
      reason: inUserLanguage(req, {
        en: `Its status is "${from.en}": it cannot move to "${STATUS_LABELS[to].en}"`,
        ru: `Его статус «${from.ru}»: в «${STATUS_LABELS[to].ru}» он не переходит`,
      }),
    })
  }
  return problems
}

async function moveAll(
  req: PayloadRequest,
  to: PumpStatus,
  locked: Locked[],
  byFrom: Map<PumpStatus, Record<string, unknown>>,
  comment: string | undefined,
) {
  const db = await transactionDb(req)
  const batch = randomUUID()
  for (const [from, values] of byFrom) {
    const ids = locked.filter((pump) => pump.status === from).map((pump) => pump.id)
    if (ids.length === 0) continue
    const sets = Object.entries(values).map(([name, value]) => sql`, ${sql.identifier(COLUMNS[name])} = ${value}`)
    await db.execute(sql`update pumps set status = ${to}::enum_pumps_status, updated_at = now()${sql.join(sets, sql``)}
      where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::integer)`)
  }
  await recordEventsInBulk(
    req,
    locked.map((pump) => ({
      pump: pump.id,
      kind: 'status',
      from: pump.status,
      to,
      source: 'batch',
      comment,
      data: { ...byFrom.get(pump.status), batch },
    })),
  )
  return batch
}

/** Moves every named pump to `to`, confirmed with the caller's password: all of them, or none with the reasons. */
export async function batchTransition(req: PayloadRequest, input: BatchRequest): Promise<BatchResult> {
  onlyStaff(req)
  const to = target(req, input.to)
  const serials = serialList(req, input.serials)
  const byFrom = collectedFor(req, to, input.data)
  const comment = checkedComment(req, input.comment, false)
  await confirmOwnPassword(req, input.password)
  return inTransaction(req, async () => {
    const { locked, busy, unknown } = await lockPumps(req, serials)
    if (unknown.length) {
      const reason = inUserLanguage(req, { en: 'No such pump', ru: 'Нет такого насоса' })
      throw refusal(
        req,
        404,
        { en: 'Some pumps do not exist: nothing was moved', ru: 'Некоторых насосов нет: ничего не изменено' },
        unknown.map((serial) => ({ serial, reason })),
      )
    }
    const problems = problemsOf(req, to, locked, busy, byFrom)
    if (problems.length) {
      throw refusal(
        req,
        409,
        {
          en: `${problems.length} of ${serials.length} pumps cannot move: nothing was moved`,
          ru: `${problems.length} из ${serials.length} насосов не могут перейти: ничего не изменено`,
        },
        problems,
      )
    }
    return { batch: await moveAll(req, to, locked, byFrom, comment), moved: locked.length, to }
  })
}
