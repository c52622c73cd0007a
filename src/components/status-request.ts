// What the status dialog sends and how it reads a refusal: plain functions, so the component stays about rendering.
import { parseInZone } from '../domain/timezone'
import type { TransitionOffer } from '../services/lifecycle'
import { dataPath } from './TransitionField'

export type Dialog = { kind: 'advance'; offer: TransitionOffer } | { kind: 'setStatus' }

export type ErrorBody = {
  errors?: {
    message?: string
    data?: { errors?: { path: string; message: string }[] }
  }[]
}

export type StatusRequest = { path: string; body: Record<string, unknown>; invalid: Record<string, string> }

/**
 * The endpoint and body for the dialog's form: the transition's fields under `data`, the caller's `password`. Dates
 * are read as `dd.MM.yyyy HH:mm` on `zone`'s clock; one that is not a date is named in `invalid` (nothing is sent).
 */
export function statusRequest(dialog: Dialog, form: FormData, zone: string | null, badDate: string): StatusRequest {
  const value = (name: string) => {
    const entry = form.get(name)
    return typeof entry === 'string' ? entry : ''
  }
  const own = { comment: value('comment'), password: value('password') }
  const invalid: Record<string, string> = {}
  if (dialog.kind === 'setStatus') return { path: 'set-status', body: { status: value('status'), ...own }, invalid }
  const data: Record<string, unknown> = {}
  for (const field of dialog.offer.fields) {
    const raw = value(dataPath(field.name)).trim()
    if (raw === '') continue
    if (field.type !== 'date') data[field.name] = raw
    else {
      const at = parseInZone(raw, zone)
      if (at) data[field.name] = at.toISOString()
      else invalid[dataPath(field.name)] = badDate
    }
  }
  return { path: 'advance', body: { to: dialog.offer.to, data, ...own }, invalid }
}

/**
 * Each error beside its field, keyed by the request path (`data.password` is the pump's, `password` the caller's);
 * what the dialog has no field for goes to the message at the bottom.
 */
export function splitErrors(
  dialog: Dialog,
  answer: ErrorBody,
  failed: string,
): { fields: Record<string, string>; message: string } {
  const shown = new Set(['comment', 'password', 'status'])
  if (dialog.kind === 'advance') for (const field of dialog.offer.fields) shown.add(dataPath(field.name))
  const fields: Record<string, string> = {}
  const elsewhere: string[] = []
  for (const item of answer.errors?.[0]?.data?.errors ?? []) {
    if (shown.has(item.path)) fields[item.path] = item.message
    else elsewhere.push(item.message)
  }
  if (elsewhere.length) return { fields, message: elsewhere.join('; ') }
  return { fields, message: Object.keys(fields).length ? failed : (answer.errors?.[0]?.message ?? failed) }
}
