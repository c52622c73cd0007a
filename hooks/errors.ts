import type { PayloadRequest } from 'payload'
import { ValidationError } from 'payload'

export type Message = { en: string; ru: string }

/** The message in the language of the person who sent the request (the admin's choice, or Accept-Language). */
export function inUserLanguage(req: Partial<PayloadRequest>, message: Message): string {
  return req.i18n?.language === 'ru' ? message.ru : message.en
}

/** A 400 that names the field and says what is wrong with it; the admin panel shows it beside the field. */
export function fieldError(req: PayloadRequest, collection: string, path: string, message: Message): ValidationError {
  return new ValidationError({ collection, errors: [{ path, message: inUserLanguage(req, message) }], req }, req.t)
}
