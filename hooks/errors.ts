// Payload's error answers, kept in the shape the docs promise (each field's error in `errors[0].data.errors`).
import type { AfterErrorHook } from 'payload'

/**
 * Keeps a 4xx's `data` (each field's `{ path, message }`) in the REST answer. Next's production build bundles its own
 * copy of Payload, whose `instanceof ValidationError` is false for errors thrown by our code (loaded by the server's
 * copy), so its formatter keeps only `message`. Never for a 5xx: those stay "Something went wrong".
 */
export const keepFieldErrors: AfterErrorHook = ({ error, result }) => {
  const { status, data, isPublic } = error as Error & { status?: unknown; data?: unknown; isPublic?: unknown }
  if (!result || typeof status !== 'number' || status < 400 || status >= 500 || isPublic === false) return
  if (typeof data !== 'object' || data === null || result.errors?.[0]?.data) return
  return {
    response: {
      ...result,
      errors: [{ name: error.name, data: data as Record<string, unknown>, message: error.message }],
    },
  }
}
