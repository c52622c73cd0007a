// The pump register for the factory's ERP: one CSV line per pump with its lifecycle dates and shipping documents,
// read in pages by key (never the whole table in memory) and streamed as it is read.
import { Readable } from 'node:stream'

import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { onlyStaff } from '../lifecycle/asking'
import { transactionDb } from '../transaction'

const PAGE = 1000
const COLUMNS = [
  'serial',
  'model',
  'status',
  'iccid',
  'productionDate',
  'releaseDate',
  'shipmentDate',
  'consignee',
  'waybillNumber',
  'commissioningDate',
  'decommissioningDate',
  'responsiblePartner',
] as const

type Row = Record<(typeof COLUMNS)[number], string | Date | null> & { id: number }

/** RFC 4180: quoted when it holds a delimiter, a quote or a line break; a leading = + - @ is defused for Excel. */
function cell(value: string | Date | null): string {
  if (value === null) return ''
  const text = value instanceof Date ? value.toISOString() : String(value)
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** A timestamp as ISO 8601 in UTC, as the rest of the API writes dates. */
const iso = (column: ReturnType<typeof sql.raw>) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

async function page(req: PayloadRequest, after: number): Promise<Row[]> {
  const db = await transactionDb(req)
  const result = (await db.execute(sql`select p.id, p.serial, m.code as model, p.status::text as status,
      p.sim_number as iccid, ${iso(sql.raw('p.production_date'))} as "productionDate",
      ${iso(sql.raw('p.release_date'))} as "releaseDate", ${iso(sql.raw('p.shipment_date'))} as "shipmentDate",
      p.consignee, p.waybill_number as "waybillNumber",
      ${iso(sql.raw('p.commissioning_date'))} as "commissioningDate",
      ${iso(sql.raw('p.decommissioning_date'))} as "decommissioningDate",
      pa.partner_id as "responsiblePartner"
    from pumps p left join models m on m.id = p.model_id left join partners pa on pa.id = p.responsible_partner_id
    where p.id > ${after} order by p.id limit ${PAGE}`)) as unknown as { rows: Row[] }
  return result.rows
}

/** The whole register as CSV, for staff: a header line, then the pumps in the order they were created. */
export function registerCsv(req: PayloadRequest): Readable {
  onlyStaff(req)
  return Readable.from(
    (async function* () {
      yield Buffer.from(`\uFEFF${COLUMNS.join(',')}\r\n`)
      let after = 0
      for (;;) {
        const rows = await page(req, after)
        if (rows.length === 0) return
        yield Buffer.from(rows.map((row) => `${COLUMNS.map((column) => cell(row[column])).join(',')}\r\n`).join(''))
        after = rows[rows.length - 1].id
      }
    })(),
  )
}
