// What the fleet alarm console shows: the counts of active alarms by severity and a page of alarms, worst and
// oldest first, for the reader's own scope (staff: the fleet; a partner: its pumps), through the access rules.
import type { PayloadRequest, Where } from 'payload'

import { CONSOLE_PAGE_SIZE, RECENT_DAYS, type ConsoleFilters } from '../domain/alarm-console'
import { SEVERITIES, type Severity } from '../domain/alarms'
import { relationId } from '../domain/pump'
import { isStaff } from '../../access'

export type ConsoleRow = {
  id: number
  severity: Severity
  code: string
  text: string
  raisedAt: string
  clearedAt: string | null
  acknowledgedAt: string | null
  comment: string | null
  pump: { id: number; serial: string; model: string; partner: string; region: string }
}

/** The filters as a Payload query (the severity filter aside: the counts leave it out). */
function whereOf(filters: ConsoleFilters, now: Date, staff: boolean): Where[] {
  const and: Where[] = []
  if (filters.state === 'active') and.push({ clearedAt: { exists: false } })
  if (filters.state === 'recent') {
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString()
    and.push({ or: [{ clearedAt: { exists: false } }, { clearedAt: { greater_than: since } }] })
  }
  if (filters.code) and.push({ code: { equals: filters.code } })
  if (filters.model) and.push({ 'pump.model': { equals: filters.model } })
  // Staff filter on the partner kept on the record (indexed); a partner's own scope is its access rule already.
  if (filters.partner)
    and.push(
      staff ? { pumpPartner: { equals: filters.partner } } : { 'pump.responsiblePartner': { equals: filters.partner } },
    )
  if (filters.region) and.push({ 'pump.region': { equals: filters.region } })
  if (filters.acknowledged !== null) and.push({ acknowledgedAt: { exists: filters.acknowledged } })
  if (filters.olderThanMinutes) {
    const before = new Date(now.getTime() - filters.olderThanMinutes * 60_000).toISOString()
    and.push({ raisedAt: { less_than: before } })
  }
  return and
}

const title = (value: unknown, field: string): string =>
  value && typeof value === 'object' ? String((value as Record<string, unknown>)[field] ?? '') : ''

/** The pumps of a page with the names of their model, partner and region. */
async function pumpsOf(req: PayloadRequest, ids: number[]) {
  const found = await req.payload.find({
    collection: 'pumps',
    where: { id: { in: ids } },
    select: { serial: true, model: true, responsiblePartner: true, region: true },
    depth: 1,
    limit: ids.length || 1,
    pagination: false,
    req,
  })
  return new Map(
    found.docs.map((pump) => [
      pump.id,
      {
        id: pump.id,
        serial: pump.serial,
        model: title(pump.model, 'name'),
        partner: title(pump.responsiblePartner, 'name'),
        region: title(pump.region, 'name'),
      },
    ]),
  )
}

export async function readConsole(req: PayloadRequest, filters: ConsoleFilters, now = new Date()) {
  const scoped = { collection: 'alarms' as const, overrideAccess: false, user: req.user, req }
  const base = whereOf(filters, now, isStaff(req.user))
  const counts = {} as Record<Severity, number>
  for (const severity of SEVERITIES) {
    const where: Where = { and: [...base, { severity: { equals: severity } }] }
    counts[severity] = (await req.payload.count({ ...scoped, where })).totalDocs
  }
  const where: Where = { and: filters.severity ? [...base, { severity: { equals: filters.severity } }] : base }
  const page = await req.payload.find({
    ...scoped,
    where,
    sort: ['severity', 'raisedAt'],
    depth: 0,
    limit: CONSOLE_PAGE_SIZE,
    page: filters.page,
  })
  const pumps = await pumpsOf(req, [...new Set(page.docs.map((doc) => relationId(doc.pump) as number))])
  const rows: ConsoleRow[] = page.docs.map((doc) => ({
    id: doc.id,
    severity: doc.severity as Severity,
    code: doc.code,
    text: doc.text ?? '',
    raisedAt: doc.raisedAt,
    clearedAt: doc.clearedAt ?? null,
    acknowledgedAt: doc.acknowledgedAt ?? null,
    comment: doc.comment ?? null,
    pump: pumps.get(relationId(doc.pump) as number) ?? {
      id: relationId(doc.pump) as number,
      serial: '',
      model: '',
      partner: '',
      region: '',
    },
  }))
  return { counts, rows, totalDocs: page.totalDocs, page: page.page ?? 1, totalPages: page.totalPages }
}
