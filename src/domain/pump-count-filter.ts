// Which pump list filters the kept counters can count: an `and` of equalities on the partner, the status and the
// connectivity (what the access rules, the dashboard's figures and the list's common filters ask), each at most once.
// Anything else is counted by the database the usual way.

export type CountableFilter = { partner?: number | null; status?: string; online?: boolean }

const FIELDS = { responsiblePartner: 'partner', status: 'status', online: 'online' } as const
type Field = keyof typeof FIELDS

function value(field: Field, raw: unknown): CountableFilter[keyof CountableFilter] | undefined {
  if (field === 'online')
    return raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined
  if (field === 'status') return typeof raw === 'string' && raw !== '' ? raw : undefined
  if (raw === null) return null
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined
}

/** Adds one `where` (Payload's shape) to the filter; false when it is not a plain equality the counters know. */
function add(filter: CountableFilter, where: unknown): boolean {
  if (where === undefined || where === null) return true
  if (typeof where !== 'object' || Array.isArray(where)) return false
  for (const [key, condition] of Object.entries(where as Record<string, unknown>)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(condition)) return false
      if (key === 'or' && condition.length !== 1) return false
      if (!condition.every((part) => add(filter, part))) return false
      continue
    }
    if (!(key in FIELDS) || typeof condition !== 'object' || condition === null) return false
    const operators = Object.entries(condition as Record<string, unknown>)
    if (operators.length !== 1 || operators[0][0] !== 'equals') return false
    const parsed = value(key as Field, operators[0][1])
    const name = FIELDS[key as Field]
    if (parsed === undefined || (name in filter && filter[name] !== parsed)) return false
    ;(filter as Record<string, unknown>)[name] = parsed
  }
  return true
}

/** The filter as counters' keys, or null when the counters cannot count it. */
export function countableFilter(where: unknown): CountableFilter | null {
  const filter: CountableFilter = {}
  return add(filter, where) ? filter : null
}
