// Hidden is not protected: every `hidden` field (and an auth collection's own secrets) is made unreadable,
// unqueryable and unwritable through REST, GraphQL and the Local API without overrideAccess. Only the services that
// own them set them (Local API with overrideAccess: true, or SQL), which Payload's field access does not stop.
import type { Field, FieldAccess, SanitizedConfig } from 'payload'

const never: FieldAccess = () => false

/** The access every internal field gets: nobody reads, filters, sorts, creates or updates it through the API. */
export const INTERNAL_FIELD_ACCESS = { read: never, create: never, update: never } as const

type AnyField = Field & {
  fields?: AnyField[]
  flattenedFields?: AnyField[]
  tabs?: { fields: AnyField[] }[]
  hidden?: boolean
}

function protect(fields: AnyField[] | undefined): void {
  for (const field of fields ?? []) {
    if (field.hidden === true) (field as { access?: object }).access = { ...INTERNAL_FIELD_ACCESS }
    // Payload's JWT check reads the session list with overrideAccess; nobody else needs it.
    if ('name' in field && field.name === 'sessions' && field.type === 'array') {
      ;(field as { access?: object }).access = { ...INTERNAL_FIELD_ACCESS }
    }
    protect(field.fields)
    protect(field.flattenedFields)
    for (const tab of field.tabs ?? []) protect(tab.fields)
  }
}

/**
 * Applied to the sanitized config (payload.config.ts), so it also covers the fields Payload adds itself (an auth
 * collection's hash, salt, lockUntil... which may not be declared) and every plugin's.
 */
export async function protectInternalFields(
  config: Promise<SanitizedConfig> | SanitizedConfig,
): Promise<SanitizedConfig> {
  const sanitized = await config
  for (const collection of sanitized.collections) {
    protect(collection.fields as AnyField[])
    protect(collection.flattenedFields as unknown as AnyField[])
  }
  return sanitized
}

/** Every internal field of a collection config, by path: what the tests try to write and query. */
export function internalFieldNames(fields: readonly Field[], prefix = ''): string[] {
  return fields.flatMap((field) => {
    const named = 'name' in field && field.name ? `${prefix}${field.name}` : null
    const nested = field as { fields?: Field[]; tabs?: { fields: Field[]; name?: string }[]; type: string }
    const own = named && (field as { hidden?: boolean }).hidden === true ? [named] : []
    const inner = Array.isArray(nested.fields)
      ? internalFieldNames(nested.fields, nested.type === 'group' && named ? `${named}.` : prefix)
      : []
    const tabs = (nested.tabs ?? []).flatMap((tab) =>
      internalFieldNames(tab.fields, tab.name ? `${prefix}${tab.name}.` : prefix),
    )
    return [...own, ...inner, ...tabs]
  })
}
