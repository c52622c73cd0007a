// Demo data for development: models with a PDF manual, partners, one account per role, buyers and pumps in
// every status. The accounts and their passwords are listed in README.md ("Demo data").
import path from 'node:path'

import type { Payload } from 'payload'

import { pumpFlowContext } from '../domain/flow'
import { PUMP_STATUSES, type PumpStatus } from '../domain/lifecycle'
import { DEMO_TELEMETRY_SCHEMA } from '../domain/telemetry-demo'
import { importStatus } from '../services/lifecycle'
import { backfillDemoTelemetry } from '../services/telemetry/backfill'
import { settings } from '../settings'
import { DEMO_ALARM_CATALOG, seedDemoAlarms } from './demo-alarms'
import { onePagePdf } from './pdf'

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.local', password: 'demo-admin-1', name: 'Анна Админова', role: 'admin' },
  { email: 'service@demo.local', password: 'demo-service-1', name: 'Сергей Сервисов', role: 'service' },
  { email: 'partner@demo.local', password: 'demo-partner-1', name: 'Пётр Партнёров', role: 'partner', company: 0 },
  { email: 'partner2@demo.local', password: 'demo-partner-2', name: 'Ирина Монтажова', role: 'partner', company: 1 },
] as const

export const DEMO_BUYER = { phone: '+79123456789', password: 'demo-owner-1', name: 'Олег Владельцев' }

/** When each step of a demo pump's life happened (days before the seed): its history event is dated so. */
const DEMO_STEP_DAYS_AGO: Partial<Record<PumpStatus, number>> = {
  produced: 60,
  released: 50,
  shipped: 40,
  in_operation: 30,
  in_service: 10,
  decommissioned: 1,
}

/** What each step of a demo pump's life collected; `at` gives a step's date. */
function demoTransitionData(at: (step: PumpStatus) => string): Partial<Record<PumpStatus, Record<string, unknown>>> {
  return {
    produced: { productionDate: at('produced') },
    released: { releaseDate: at('released') },
    shipped: { shipmentDate: at('shipped'), consignee: 'ООО «Тепло-Монтаж»', waybillNumber: 'ТТН-2026-0415' },
    in_operation: { commissioningDate: at('in_operation') },
    in_service: { serviceReason: 'Плановое обслуживание: замена фильтра' },
    decommissioned: {
      decommissioningDate: at('decommissioned'),
      decommissioningReason: 'Замена на более мощную модель',
    },
  }
}

/** Printed on every demo pump (README, "Demo data"). */
const DEMO_PUMP_PASSWORD = 'pump-pass-1'

/** A folder as the user would type it: relative inside the checkout, absolute elsewhere. */
function shortPath(folder: string): string {
  const relative = path.relative(process.cwd(), folder)
  return relative && !relative.startsWith('..') ? relative : folder
}

/** Said when the demo is asked for on a database that has pumps: why nothing was added, and how to start over. */
function demoSkipped(pumps: number): string {
  const startOver = settings.databaseUrl?.includes('@127.0.0.1:' + settings.embeddedPostgresPort)
    ? `stop the server, delete the folder ${shortPath(path.join(settings.dataDir, 'postgres'))}`
    : 'stop the server, drop and recreate the database of DATABASE_URL'
  return (
    `[seed] demo data NOT added: the database already has ${pumps} pump(s), and the demo is only added to an empty ` +
    `one (its accounts, e.g. admin@demo.local, may not exist here). To start over with the demo: ${startOver} ` +
    '(this deletes everything in it), then start again with SEED_DEMO=1.'
  )
}

async function codeId(payload: Payload, collection: 'countries' | 'regions' | 'objectTypes', code: string) {
  const { docs } = await payload.find({ collection, where: { code: { equals: code } }, limit: 1, depth: 0 })
  return docs[0]?.id ?? null
}

async function seedModels(payload: Payload) {
  const models = []
  for (const [name, code] of [
    ['Aero 9 (air-water, 9 kW)', 'AERO-9'],
    ['Geo 12 (ground-water, 12 kW)', 'GEO-12'],
  ]) {
    const pdf = onePagePdf(`${name} - installation and operation manual`)
    const manual = await payload.create({
      collection: 'manuals',
      data: { title: `${name}: installation and operation manual` },
      file: { data: pdf, mimetype: 'application/pdf', name: `${code}.pdf`, size: pdf.length },
    })
    const telemetry = DEMO_TELEMETRY_SCHEMA as never
    models.push(
      await payload.create({
        collection: 'models',
        data: { name, code, manual: manual.id, telemetry, alarmCatalog: DEMO_ALARM_CATALOG },
      }),
    )
  }
  return models
}

/** The partner companies and the demo's staff and partner accounts. */
async function seedPeople(payload: Payload) {
  const partners = []
  for (const [name, taxNumber, certified] of [
    ['ООО «Тепло-Монтаж»', '7701234567', true],
    ['ИП Северов (Heat North)', '6602345678', true],
  ] as const) {
    partners.push(await payload.create({ collection: 'partners', data: { name, taxNumber, certified } }))
  }
  const accounts = []
  for (const account of DEMO_ACCOUNTS) {
    const created = await payload.create({
      collection: 'users',
      data: {
        email: account.email,
        password: account.password,
        name: account.name,
        role: account.role,
        partner: 'company' in account ? partners[account.company].id : null,
      },
    })
    accounts.push({ ...created, collection: 'users' as const })
  }
  const buyer = await payload.create({
    collection: 'buyers',
    data: { phone: DEMO_BUYER.phone, username: DEMO_BUYER.phone, password: DEMO_BUYER.password, name: DEMO_BUYER.name },
  })
  return { partners, accounts, buyer }
}

/** Days of readings the demo's reporting pumps get, every 5 minutes. */
const DEMO_TELEMETRY_DAYS = 3

type DemoCast = Awaited<ReturnType<typeof seedPeople>> & { models: Awaited<ReturnType<typeof seedModels>> }

/** One pump per status, each walked along its life by the demo's service engineer. */
async function seedPumps(payload: Payload, cast: DemoCast) {
  const { models, partners, accounts, buyer } = cast
  // The demo's story: its service engineer made every move, at the date the move collected.
  const engineer = accounts.find((account) => account.role === 'service')
  const seededAt = Date.now()
  const stepDate = (step: PumpStatus) =>
    new Date(seededAt - (DEMO_STEP_DAYS_AGO[step] ?? 0) * 24 * 3600_000).toISOString()
  const transitionData = demoTransitionData(stepDate)
  const russia = await codeId(payload, 'countries', 'RU')
  const sverdlovsk = await codeId(payload, 'regions', 'RU-SVE')
  const house = await codeId(payload, 'objectTypes', 'private_house')
  const installedStatuses: PumpStatus[] = ['in_operation', 'in_service', 'decommissioned']
  const reporting: number[] = []

  for (const [index, status] of PUMP_STATUSES.entries()) {
    const installed = installedStatuses.includes(status)
    const pump = await payload.create({
      collection: 'pumps',
      context: pumpFlowContext('seed'),
      data: {
        serial: `HP-2026-${String(index + 1).padStart(5, '0')}`,
        model: models[index % models.length].id,
        password: DEMO_PUMP_PASSWORD,
        responsiblePartner: installed || status === 'shipped' ? partners[index % 2].id : null,
        owner: installed ? buyer.id : null,
        country: installed ? russia : null,
        region: installed ? sverdlovsk : null,
        objectType: installed ? house : null,
        simNumber: installed ? '89701012345678901234' : null,
        // Offline, last heard an hour ago: what the offline sweep would say anyway (`npm run simulate` brings modems online).
        online: false,
        connectionType: installed ? 'gsm' : null,
        lastConnectedAt: installed ? new Date(Date.now() - 3 * 3600_000).toISOString() : null,
        lastDataAt: status === 'in_operation' ? new Date(Date.now() - 3600_000).toISOString() : null,
        lastDisconnectedAt: installed ? new Date(Date.now() - 3600_000).toISOString() : null,
      },
    })
    if (status === 'in_operation' || status === 'in_service') reporting.push(pump.id)
    // Each demo pump walks its life up to its status, so its card has the data and the history a real one has.
    for (const step of PUMP_STATUSES.slice(1, index + 1)) {
      await importStatus(payload, pump.id, step, transitionData[step], { by: engineer, at: new Date(stepDate(step)) })
    }
  }
  return reporting
}

export async function seedDemo(payload: Payload, options: { onlyIfEmpty?: boolean } = {}): Promise<boolean> {
  if (settings.production) throw new Error('Demo data (with its known passwords) is for development only')
  if (options.onlyIfEmpty) {
    const { totalDocs } = await payload.count({ collection: 'pumps' })
    if (totalDocs > 0) {
      payload.logger.warn(demoSkipped(totalDocs))
      return false
    }
  }
  const models = await seedModels(payload)
  const people = await seedPeople(payload)
  const reporting = await seedPumps(payload, { ...people, models })
  await backfillDemoTelemetry(payload, reporting, DEMO_TELEMETRY_DAYS)
  await seedDemoAlarms(payload)
  payload.logger.info('[seed] demo data added (accounts: see README "Demo data")')
  return true
}
