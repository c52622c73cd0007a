// Input guards every collection shares (issue 9: 5, 18, 21): bounded reads and well-formed document ids (in routes,
// `where` and relationship values), applied
// once over all collections in payload.config.ts, so a new collection or endpoint cannot forget them.
import {
  APIError,
  NotFound,
  type CollectionBeforeOperationHook,
  type CollectionBeforeValidateHook,
  type CollectionConfig,
  type Config,
  type Endpoint,
  type Field,
  type PayloadRequest,
} from 'payload'

import { fieldError, inUserLanguage } from '../i18n'
import { hideGraphQLSuggestions, readLimitsRule } from './graphql-guards'

export type ReadLimits = { maxPageSize: number; maxDepth: number }

/** Ids are PostgreSQL `serial` (int4): a plain decimal 1..2147483647. `0x2`, `1e0`, ` 2`, `-1` are not ids. */
const MAX_SERIAL = 2_147_483_647
export function isDocumentId(id: unknown): boolean {
  if (typeof id === 'number') return Number.isInteger(id) && id >= 1 && id <= MAX_SERIAL
  return typeof id === 'string' && /^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= MAX_SERIAL
}

function badRequest(req: PayloadRequest, message: { en: string; ru: string }): APIError {
  return new APIError(inUserLanguage(req, message), 400, null, true)
}

/**
 * A REST read as the caller asked for it: `limit=0` (Payload's "everything"), a limit above the cap and
 * `pagination=false` get a page of `maxPageSize` (the admin panel itself sends `limit=0` for a few small lists);
 * a limit, page or depth that is no number, or a depth above the cap, is a 400. Our own Local API calls keep theirs.
 */
export function boundReadQuery(req: PayloadRequest, args: Record<string, unknown>, limits: ReadLimits): void {
  const query = (req.query ?? {}) as Record<string, unknown>
  const { maxPageSize: max, maxDepth } = limits
  // As sent, a string; Payload's parseParams converts req.query in place (numbers, booleans) when it ran first.
  const whole = (value: unknown, digits: number) =>
    typeof value === 'number'
      ? value
      : typeof value === 'string' && new RegExp(`^[0-9]{1,${digits}}$`).test(value)
        ? Number(value)
        : NaN
  const pageSize = (value: unknown, name: string): number | undefined => {
    if (value === undefined) return undefined
    const number = whole(value, 9)
    if (!(Number.isInteger(number) && number >= 0)) {
      throw badRequest(req, {
        en: `${name} must be a whole number (pages hold at most ${max})`,
        ru: `${name} должен быть целым числом (на странице не более ${max})`,
      })
    }
    return number === 0 || number > max ? max : number
  }
  const limit = pageSize(query.limit, 'limit')
  // Only the operation that took its limit from the query (an endpoint's own Local API calls keep theirs).
  if (limit !== undefined && args.limit === whole(query.limit, 9)) args.limit = limit
  if ((query.pagination === false || query.pagination === 'false') && args.pagination === false) {
    args.pagination = true
    args.limit = Math.min(Number(args.limit) || max, max)
  }
  const page = whole(query.page, 9)
  if (query.page !== undefined && !(Number.isInteger(page) && page >= 1 && page <= MAX_SERIAL)) {
    throw badRequest(req, { en: 'page must be a whole number from 1', ru: 'page должен быть целым числом от 1' })
  }
  if (query.depth !== undefined) {
    const depth = whole(query.depth, 2)
    if (!(Number.isInteger(depth) && depth >= 0 && depth <= maxDepth)) {
      throw badRequest(req, {
        en: `depth must be a whole number between 0 and ${maxDepth}`,
        ru: `depth должен быть целым числом от 0 до ${maxDepth}`,
      })
    }
  }
  const joins = query.joins
  if (joins && typeof joins === 'object') {
    for (const [name, join] of Object.entries(joins as Record<string, unknown>)) {
      if (!join || typeof join !== 'object') continue
      const joinLimit = pageSize((join as Record<string, unknown>).limit, `joins[${name}][limit]`)
      const target = (args.joins as Record<string, { limit?: number } | false> | undefined)?.[name]
      if (joinLimit !== undefined && target) target.limit = joinLimit
    }
  }
}

const ID_OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'all']

/** `where` on an id or a relationship compares with int4 columns: a value that is no id is a 400, not a 500. */
export function checkWhereIds(req: PayloadRequest, where: unknown, idPaths: Set<string>): void {
  if (!where || typeof where !== 'object') return
  for (const [path, condition] of Object.entries(where as Record<string, unknown>)) {
    if (path === 'and' || path === 'or') {
      for (const nested of Array.isArray(condition) ? condition : Object.values(condition ?? {}))
        checkWhereIds(req, nested, idPaths)
      continue
    }
    if (!(idPaths.has(path) || path === 'id' || path.endsWith('.id')) || !condition || typeof condition !== 'object')
      continue
    for (const operator of ID_OPERATORS) {
      const value = (condition as Record<string, unknown>)[operator]
      if (value === undefined || value === null || value === '') continue
      const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]
      // Only what a caller typed: our own hooks may pass populated documents, which Payload reduces to ids.
      const typed = (one: unknown) => (typeof one === 'string' && one !== '') || typeof one === 'number'
      const wrong = values.find((one) => typed(one) && !isDocumentId(one))
      if (wrong !== undefined) {
        throw badRequest(req, {
          en: `where[${path}][${operator}]: "${String(wrong).slice(0, 40)}" is not an id`,
          ru: `where[${path}][${operator}]: «${String(wrong).slice(0, 40)}» — не идентификатор`,
        })
      }
    }
  }
}

/** Top-level relationship and upload fields (rows, collapsibles and unnamed tabs included): their values are ids. */
function relationPaths(fields: Field[], paths = new Set<string>()): Set<string> {
  for (const field of fields) {
    if (field.type === 'relationship' || field.type === 'upload') paths.add(field.name)
    else if (field.type === 'row' || field.type === 'collapsible') relationPaths(field.fields, paths)
    else if (field.type === 'tabs')
      for (const tab of field.tabs) if (!('name' in tab && tab.name)) relationPaths(tab.fields, paths)
  }
  return paths
}

/** A relationship value in a write that is no id (`2147483648`, `1e3`) is refused before Payload queries with it. */
function guardRelationValues(paths: Set<string>): CollectionBeforeValidateHook {
  return ({ collection, data, req }) => {
    for (const path of paths) {
      const raw = (data as Record<string, unknown> | undefined)?.[path]
      const values = Array.isArray(raw) ? raw : [raw]
      for (const value of values) {
        const id =
          value && typeof value === 'object'
            ? ((value as { value?: unknown; id?: unknown }).value ?? (value as { id?: unknown }).id)
            : value
        if (id === undefined || id === null || id === '' || isDocumentId(id)) continue
        throw fieldError(req, collection.slug, path, {
          en: `"${String(id).slice(0, 40)}" is not an id`,
          ru: `«${String(id).slice(0, 40)}» — не идентификатор`,
        })
      }
    }
    return data
  }
}

/** GraphQL's `limit: 0`, a larger limit and `pagination: false` get a page of `max`, as over REST (its rule refuses the rest). */
function boundGraphQLRead(args: Record<string, unknown>, max: number): void {
  if (args.pagination === false) args.pagination = true
  const limit = Number(args.limit)
  if (args.limit !== undefined && (limit === 0 || limit > max)) args.limit = max
  if (args.pagination === true && args.limit === undefined) args.limit = max
  for (const join of Object.values((args.joins ?? {}) as Record<string, { limit?: number } | false>)) {
    if (join && (join.limit === 0 || (join.limit ?? 0) > max)) join.limit = max
  }
}

const READS = new Set(['read', 'readDistinct', 'findVersions', 'count'])

/** Before every operation: a document id must be a real id (else 404), and a REST read stays within the limits. */
export function guardOperation(limits: ReadLimits, idPaths: Set<string>): CollectionBeforeOperationHook {
  return ({ args, operation, req }) => {
    if (req.payloadAPI !== 'local') checkWhereIds(req, (args as { where?: unknown }).where, idPaths)
    // Payload turns a route's `1e0` into 1 before we see args.id: the raw route parameter is checked too.
    const id = (args as { id?: unknown }).id
    if (id !== undefined && !isDocumentId(id)) throw new NotFound(req.t)
    const routeId = req.routeParams?.id
    if (routeId !== undefined && !isDocumentId(routeId)) throw new NotFound(req.t)
    if (req.payloadAPI === 'REST' && READS.has(operation)) boundReadQuery(req, args as Record<string, unknown>, limits)
    if (req.payloadAPI === 'GraphQL' && READS.has(operation))
      boundGraphQLRead(args as Record<string, unknown>, limits.maxPageSize)
    return args
  }
}

/** A custom endpoint on `/:id/...` answers 404 for an id that is not one, before its handler coerces it. */
function guardEndpoint(endpoint: Endpoint): Endpoint {
  if (!endpoint.path.includes(':id')) return endpoint
  const handler = endpoint.handler
  return {
    ...endpoint,
    handler: async (req) => {
      if (!isDocumentId(req.routeParams?.id)) {
        return Response.json({ errors: [{ message: new NotFound(req.t).message }] }, { status: 404 })
      }
      return handler(req)
    },
  }
}

export function guardCollection(collection: CollectionConfig, limits: ReadLimits): CollectionConfig {
  const paths = relationPaths(collection.fields)
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [guardOperation(limits, paths), ...(collection.hooks?.beforeOperation ?? [])],
      beforeValidate: [guardRelationValues(paths), ...(collection.hooks?.beforeValidate ?? [])],
    },
    endpoints: Array.isArray(collection.endpoints) ? collection.endpoints.map(guardEndpoint) : collection.endpoints,
  }
}

/** The guards as a plugin, listed last so that endpoints other plugins add are guarded too. */
export const requestGuards =
  (limits: ReadLimits & { maxUploadBytes: number }) =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => guardCollection(collection, limits)),
    // Deeper `depth` than this is not populated whatever the caller asks (REST reads even get a 400).
    maxDepth: limits.maxDepth,
    upload: { ...config.upload, limits: { ...config.upload?.limits, fileSize: limits.maxUploadBytes } },
    graphQL: {
      ...config.graphQL,
      validationRules: (args) => [
        readLimitsRule(args, limits.maxPageSize),
        ...(config.graphQL?.validationRules?.(args) ?? []),
      ],
    },
    hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), hideGraphQLSuggestions] },
  })
