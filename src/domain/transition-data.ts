// Checking the data a transition collects against the table, with its defaults, and the printed label password.
import type { Transition, TransitionFieldName } from './lifecycle'
import { isBlank, type Bilingual } from './messages'

export const MAX_TEXT_LENGTH = 2000
/** A clock a little ahead of the server's should not block anyone; a date days ahead is a typo. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000

export type DataProblem = 'required' | 'date' | 'future' | 'text' | 'tooLong' | 'tooShort' | 'choice' | 'unknown'

export const DATA_PROBLEM_MESSAGES: Record<DataProblem, Bilingual> = {
  required: { en: 'Required for this transition', ru: 'Обязательно для этого перехода' },
  date: {
    en: 'Not a date (use ISO 8601, e.g. 2026-11-28T10:00:00Z)',
    ru: 'Это не дата (формат ISO 8601, например 2026-11-28T10:00:00Z)',
  },
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
