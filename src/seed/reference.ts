// Countries, regions (with their IANA zones) and object types from the committed data file
// src/data/reference-data.json. Idempotent: records that exist (by code) are left as admins edited them.
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { rootDirOf } from '../services/root'

type Named = { code: string; nameEn: string; nameRu: string }
export type ReferenceData = {
  source: string
  countries: Named[]
  regions: (Named & { country: string; timezone: string })[]
  objectTypes: Named[]
}

export function loadReferenceData(): ReferenceData {
  const file = path.join(rootDirOf(), 'src', 'data', 'reference-data.json')
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReferenceData
}

type ReferenceSlug = 'countries' | 'regions' | 'objectTypes'

async function existingCodes(payload: Payload, collection: ReferenceSlug): Promise<Map<string, number | string>> {
  const { docs } = await payload.find({ collection, limit: 0, pagination: false, depth: 0, select: { code: true } })
  return new Map(docs.map((doc) => [doc.code as string, doc.id]))
}

async function createNamed(
  payload: Payload,
  collection: ReferenceSlug,
  item: Named,
  extra: Record<string, unknown> = {},
): Promise<number | string> {
  const created = await payload.create({
    collection,
    locale: 'ru',
    data: { code: item.code, name: item.nameRu, ...extra } as never,
    depth: 0,
  })
  await payload.update({ collection, id: created.id, locale: 'en', data: { name: item.nameEn } as never, depth: 0 })
  return created.id
}

/** Adds the reference records that are missing; returns how many were added. */
export async function ensureReferenceData(
  payload: Payload,
  data: ReferenceData = loadReferenceData(),
): Promise<number> {
  let added = 0
  const countries = await existingCodes(payload, 'countries')
  for (const country of data.countries) {
    if (countries.has(country.code)) continue
    countries.set(country.code, await createNamed(payload, 'countries', country))
    added++
  }
  const regions = await existingCodes(payload, 'regions')
  for (const region of data.regions) {
    if (regions.has(region.code)) continue
    const country = countries.get(region.country)
    if (country === undefined) throw new Error(`Region ${region.code} names unknown country ${region.country}`)
    await createNamed(payload, 'regions', region, { country, timezone: region.timezone })
    added++
  }
  const objectTypes = await existingCodes(payload, 'objectTypes')
  for (const objectType of data.objectTypes) {
    if (objectTypes.has(objectType.code)) continue
    await createNamed(payload, 'objectTypes', objectType)
    added++
  }
  if (added) payload.logger.info(`[seed] reference data: ${added} records added`)
  return added
}
