// What the browser test finds in the database: accounts of each role, pumps at the statuses its steps start from,
// created through the Local API before the server starts.
import type { Payload } from 'payload'

import { importStatus } from '../../src/services/lifecycle'
import { closePayload, startPayload } from '../support/payload'
import { type Language } from './lifecycle-walk'
import { seedTelemetry } from './telemetry-card'

export const ADMIN = { email: 'browser-admin@test.local', password: 'browser-admin-pass-1', name: 'Браузерный Админ' }
export const SERIAL = 'HP-BROWSER-1'
export const ENGINEER = {
  email: 'browser-service@test.local',
  password: 'browser-service-pass-1',
  name: 'Сервисный Инженер',
}
export const PRODUCED_SERIAL = 'HP-BROWSER-2'
export const PARTNER = {
  email: 'browser-partner@test.local',
  password: 'browser-partner-pass-1',
  name: 'Монтажник Браузерный',
}
export const UNCLAIMED = { serial: 'HP-BROWSER-3', password: 'label-pass-3' }

type WalkPumps = { created: number; released: number }
export type Fixture = {
  pumpId: number | string
  producedPumpId: number
  partnerId: string
  walk: Record<Language, WalkPumps>
  live: Record<Language, number>
  telemetry: number
}
export const MODEL_NAME = 'Aero 9 (воздух-вода, 9 кВт)'

export async function createFixture(): Promise<Fixture> {
  const payload: Payload = await startPayload()
  try {
    await payload.create({
      collection: 'users',
      data: { email: ADMIN.email, password: ADMIN.password, name: ADMIN.name, role: 'admin' },
    })
    const model = await payload.create({
      collection: 'models',
      data: { name: MODEL_NAME, code: 'BROWSER-AERO-9' },
    })
    const [country] = (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } }, limit: 1 }))
      .docs
    const [region] = (await payload.find({ collection: 'regions', where: { code: { equals: 'RU-SVE' } }, limit: 1 }))
      .docs
    if (!country || !region) throw new Error('reference data lacks country RU or region RU-SVE')
    const pump = await payload.create({
      collection: 'pumps',
      data: {
        serial: SERIAL,
        model: model.id,
        country: country.id,
        region: region.id,
        note: 'Создан браузерным тестом',
      },
    })
    await payload.create({
      collection: 'users',
      data: { email: ENGINEER.email, password: ENGINEER.password, name: ENGINEER.name, role: 'service' },
    })
    const produced = await payload.create({ collection: 'pumps', data: { serial: PRODUCED_SERIAL, model: model.id } })
    await importStatus(payload, produced.id, 'produced', { productionDate: new Date().toISOString() })
    const company = await payload.create({
      collection: 'partners',
      data: { name: 'ООО «Браузер-Монтаж»', certified: true },
    })
    await payload.create({
      collection: 'users',
      data: {
        email: PARTNER.email,
        password: PARTNER.password,
        name: PARTNER.name,
        role: 'partner',
        partner: company.id,
      },
    })
    await payload.create({
      collection: 'pumps',
      data: { serial: UNCLAIMED.serial, model: model.id, password: UNCLAIMED.password },
    })
    // For the walk through every transition: a pump without a model (the dialog asks for one) and a released one.
    const walk = {} as Record<Language, WalkPumps>
    for (const language of ['ru', 'en'] as const) {
      const created = await payload.create({ collection: 'pumps', data: { serial: `HP-WALK-${language}` } })
      const released = await payload.create({
        collection: 'pumps',
        data: { serial: `HP-WALK-${language}-R`, model: model.id },
      })
      await importStatus(payload, released.id, 'released', { releaseDate: new Date().toISOString() })
      walk[language] = { created: created.id, released: released.id }
    }
    const live = {} as Record<Language, number>
    for (const language of ['ru', 'en'] as const) {
      live[language] = (await payload.create({ collection: 'pumps', data: { serial: `HP-LIVE-${language}` } })).id
    }
    const telemetry = (await payload.create({ collection: 'pumps', data: { serial: 'HP-TELEMETRY', model: model.id } }))
      .id
    await seedTelemetry(payload, model.id, telemetry)
    return { pumpId: pump.id, producedPumpId: produced.id, partnerId: company.partnerId!, walk, live, telemetry }
  } finally {
    await closePayload(payload)
  }
}
