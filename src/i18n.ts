// Answers in the language of the person asking, and the one way to build a 400 that names its fields: shared by
// services, hooks, endpoints and plugins, so it sits below all of them.
import { ValidationError, type PayloadRequest } from 'payload'

import type { Bilingual } from './domain/messages'

export type Message = Bilingual
export type FieldProblem = { path: string; message: Message }

/** The message in the language of the person who sent the request (the admin's choice, or Accept-Language). */
export function inUserLanguage(req: Partial<PayloadRequest>, message: Message): string {
  return req.i18n?.language === 'ru' ? message.ru : message.en
}

/** A 400 that names each field and says what is wrong with it; the admin panel shows each beside its field. */
export function fieldErrors(req: PayloadRequest, collection: string, problems: FieldProblem[]): ValidationError {
  const errors = problems.map(({ path, message }) => ({ path, message: inUserLanguage(req, message) }))
  return new ValidationError({ collection, errors, req }, req.t)
}

/** The same for one field. */
export function fieldError(req: PayloadRequest, collection: string, path: string, message: Message): ValidationError {
  return fieldErrors(req, collection, [{ path, message }])
}
