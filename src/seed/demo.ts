// Demo data for development: models with a PDF manual, partners, one account per role, buyers and pumps in
// every status. The accounts and their passwords are listed in README.md ("Demo data").
import type { Payload } from 'payload'

import { PUMP_FLOW_CONTEXT_KEY } from '../../hooks/pumps'
import { PUMP_STATUSES, type PumpStatus } from '../domain/lifecycle'
import { importStatus } from '../services/lifecycle'
import { settings } from '../settings'
import { onePagePdf } from './pdf'

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.local', password: 'demo-admin-1', name: 'Анна Админова', role: 'admin' },
  { email: 'service@demo.local', password: 'demo-service-1', name: 'Сергей Сервисов', role: 'service' },
  { email: 'partner@demo.local', password: 'demo-partner-1', name: 'Пётр Партнёров', role: 'partner', company: 0 },
  { email: 'partner2@demo.local', password: 'demo-partner-2', name: 'Ирина Монтажова', role: 'partner', company: 1 },
] as const

export const DEMO_BUYER = { phone: '+79123456789', password: 'demo-owner-1', name: 'Олег Владельцев' }

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000).toISOString()

/** What each step of a demo pump's life collected. */
const DEMO_TRANSITION_DATA: Partial<Record<PumpStatus, Record<string, unknown>>> = {
  produced: { productionDate: daysAgo(60) },
  released: { releaseDate: daysAgo(50) },
  shipped: { shipmentDate: daysAgo(40), consignee: 'ООО «Тепло-Монтаж»', waybillNumber: 'ТТН-2026-0415' },
  in_operation: { commissioningDate: daysAgo(30) },
  in_service: { serviceReason: 'Плановое обслуживание: замена фильтра' },
  decommissioned: { decommissioningDate: daysAgo(1), decommissioningReason: 'Замена на более мощную модель' },
}

/** Printed on every demo pump (README, "Demo data"). */
const DEMO_PUMP_PASSWORD = 'pump-pass-1'

async function codeId(payload: Payload, collection: 'countries' | 'regions' | 'objectTypes', code: string) {
  const { docs } = await payload.find({ collection, where: { code: { equals: code } }, limit: 1, depth: 0 })
  return docs[0]?.id ?? null
}

export async function seedDemo(payload: Payload, options: { onlyIfEmpty?: boolean } = {}): Promise<boolean> {
  if (settings.production) throw new Error('Demo data (with its known passwords) is for development only')
  if (options.onlyIfEmpty) {
    const { totalDocs } = await payload.count({ collection: 'pumps' })
    if (totalDocs > 0) return false
  }

  const models = []
  for (const [name, code] of [
    ['Aero 9 (air-water, 9 kW)', 'AERO-9'],
    ['Geo 12 (ground-water, 12 kW)', 'GEO-12'],
  ]) {
    const manual = await payload.create({
      collection: 'manuals',
      data: { title: `${name}: installation and operation manual` },
      file: { data: onePagePdf(`${name} - installation and operation manual`), mimetype: 'application/pdf', name: `${code}.pdf`, size: 0 },
    })
    models.push(await payload.create({ collection: 'models', data: { name, code, manual: manual.id } }))
  }

  const partners = []
  for (const [name, taxNumber, certified] of [
    ['ООО «Тепло-Монтаж»', '7701234567', true],
    ['ИП Северов (Heat North)', '6602345678', true],
  ] as const) {
    partners.push(await payload.create({ collection: 'partners', data: { name, taxNumber, certified } }))
  }

  for (const account of DEMO_ACCOUNTS) {
    await payload.create({
      collection: 'users',
      data: {
        email: account.email,
        password: account.password,
        name: account.name,
        role: account.role,
        partner: 'company' in account ? partners[account.company].id : null,
      },
    })
  }

  const buyer = await payload.create({
    collection: 'buyers',
    data: { phone: DEMO_BUYER.phone, username: DEMO_BUYER.phone, password: DEMO_BUYER.password, name: DEMO_BUYER.name },
  })

  const russia = await codeId(payload, 'countries', 'RU')
  const sverdlovsk = await codeId(payload, 'regions', 'RU-SVE')
  const house = await codeId(payload, 'objectTypes', 'private_house')
  const installedStatuses: PumpStatus[] = ['in_operation', 'in_service', 'decommissioned']

  for (const [index, status] of PUMP_STATUSES.entries()) {
    const installed = installedStatuses.includes(status)
    const pump = await payload.create({
      collection: 'pumps',
      context: { [PUMP_FLOW_CONTEXT_KEY]: 'seed' },
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
        online: status === 'in_operation',
        connectionType: installed ? 'gsm' : null,
        lastConnectedAt: installed ? new Date(Date.now() - 3600_000).toISOString() : null,
        lastDataAt: status === 'in_operation' ? new Date().toISOString() : null,
      },
    })
    // Each demo pump walks its life up to its status, so its card has the data and the history a real one has.
    for (const step of PUMP_STATUSES.slice(1, index + 1)) {
      await importStatus(payload, pump.id, step, DEMO_TRANSITION_DATA[step])
    }
  }
  payload.logger.info('[seed] demo data added (accounts: see README "Demo data")')
  return true
}
