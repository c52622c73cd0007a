import type { AfterErrorHook, PayloadRequest } from 'payload'
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

/**
 * Keeps a 4xx's `data` (each field's `{ path, message }`) in the REST answer. Next's production build bundles its own
 * copy of Payload, whose `instanceof ValidationError` is false for errors thrown by our code (loaded by the server's
 * copy), so its formatter keeps only `message`. Never for a 5xx: those stay "Something went wrong".
 */
export const keepFieldErrors: AfterErrorHook = ({ error, result }) => {
  const { status, data, isPublic } = error as Error & { status?: unknown; data?: unknown; isPublic?: unknown }
  if (!result || typeof status !== 'number' || status < 400 || status >= 500 || isPublic === false) return
  if (typeof data !== 'object' || data === null || result.errors?.[0]?.data) return
  return { response: { ...result, errors: [{ name: error.name, data: data as Record<string, unknown>, message: error.message }] } }
}
