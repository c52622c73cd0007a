import { readFileSync } from 'node:fs'

type Named = { code: string; nameEn: string; nameRu: string }
type Region = Named & { country: string; timezone: string; isoCode?: false }
type ReferenceData = { source: string; countries: Named[]; regions: Region[]; objectTypes: Named[] }

const data: ReferenceData = JSON.parse(
  readFileSync(new URL('../../src/data/reference-data.json', import.meta.url), 'utf8'),
)

const supportedZones = new Set(Intl.supportedValuesOf('timeZone'))

/** A zone is usable if Node lists it, or if ICU accepts it and resolves it to a listed zone (e.g. Europe/Kyiv -> Europe/Kiev). */
function isUsableZone(zone: string): boolean {
  if (supportedZones.has(zone)) return true
  try {
    return supportedZones.has(new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone)
  } catch {
    return false
  }
}

const regionsOf = (country: string) => data.regions.filter((r) => r.country === country)

describe('reference data', () => {
  it('says where it came from', () => {
    expect(data.source).toMatch(/tz release \d{4}[a-z]/)
  })

  it('has every region on a time zone the runtime knows', () => {
    const bad = data.regions.filter((r) => !isUsableZone(r.timezone)).map((r) => `${r.code}: ${r.timezone}`)
    expect(bad).toEqual([])
  })

  it('prefers zones that are directly in Intl.supportedValuesOf', () => {
    const indirect = data.regions.filter((r) => !supportedZones.has(r.timezone)).map((r) => `${r.code}: ${r.timezone}`)
    expect(indirect).toEqual([])
  })

  it.each([
    ['countries', () => data.countries],
    ['regions', () => data.regions],
    ['objectTypes', () => data.objectTypes],
  ] as const)('has unique, non-empty codes and bilingual names in %s', (_name, list) => {
    const items: Named[] = list()
    expect(items.length).toBeGreaterThan(0)
    const codes = items.map((i) => i.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const i of items) {
      expect(i.code.trim()).not.toBe('')
      expect(i.nameEn.trim()).not.toBe('')
      expect(i.nameRu.trim()).not.toBe('')
      expect(i.nameRu).toMatch(/[А-Яа-яЁё]/)
    }
  })

  it('puts every region in a listed country, and every country has a region', () => {
    const countries = new Set(data.countries.map((c) => c.code))
    expect(data.regions.filter((r) => !countries.has(r.country)).map((r) => r.code)).toEqual([])
    expect(data.countries.filter((c) => regionsOf(c.code).length === 0).map((c) => c.code)).toEqual([])
    for (const r of data.regions) expect(r.code.startsWith(r.country)).toBe(true)
  })

  it('covers RU, KZ, BY, UZ and the 27 EU members', () => {
    const eu = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ')
    expect(data.countries.map((c) => c.code).sort()).toEqual(['RU', 'KZ', 'BY', 'UZ', ...eu].sort())
  })

  it('lists every Russian federal subject', () => {
    const ru = regionsOf('RU')
    expect(ru.length).toBeGreaterThanOrEqual(85)
    expect(ru.filter((r) => r.isoCode !== false)).toHaveLength(83)
    expect(
      ru
        .filter((r) => r.isoCode === false)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['RU-CR', 'RU-DPR', 'RU-KHE', 'RU-LPR', 'RU-SEV', 'RU-ZAP'])
  })

  it('uses the tz zones for the regions that differ from their neighbours', () => {
    const zoneOf = (code: string) => data.regions.find((r) => r.code === code)?.timezone
    const expected: Record<string, string> = {
      'RU-MOW': 'Europe/Moscow',
      'RU-KGD': 'Europe/Kaliningrad',
      'RU-SVE': 'Asia/Yekaterinburg',
      'RU-SA': 'Asia/Yakutsk',
      'RU-AST': 'Europe/Astrakhan',
      'RU-SAR': 'Europe/Saratov',
      'RU-ULY': 'Europe/Ulyanovsk',
      'RU-VGG': 'Europe/Volgograd',
      'RU-KIR': 'Europe/Kirov',
      'RU-UD': 'Europe/Samara',
      'RU-SAM': 'Europe/Samara',
      'RU-ALT': 'Asia/Barnaul',
      'RU-AL': 'Asia/Barnaul',
      'RU-TOM': 'Asia/Tomsk',
      'RU-NVS': 'Asia/Novosibirsk',
      'RU-KEM': 'Asia/Novokuznetsk',
      'RU-ZAB': 'Asia/Chita',
      'RU-SAK': 'Asia/Sakhalin',
      'RU-MAG': 'Asia/Magadan',
      'RU-KAM': 'Asia/Kamchatka',
      'RU-CHU': 'Asia/Anadyr',
      'RU-CR': 'Europe/Simferopol',
      'RU-SEV': 'Europe/Simferopol',
      'KZ-75': 'Asia/Almaty',
      'KZ-43': 'Asia/Qyzylorda',
      'KZ-39': 'Asia/Qostanay',
      'KZ-15': 'Asia/Aqtobe',
      'KZ-47': 'Asia/Aqtau',
      'KZ-23': 'Asia/Atyrau',
      'KZ-27': 'Asia/Oral',
      'UZ-TK': 'Asia/Tashkent',
      'UZ-SA': 'Asia/Samarkand',
      'BY-HM': 'Europe/Minsk',
      'ES-CN': 'Atlantic/Canary',
      'ES-CE': 'Africa/Ceuta',
      'ES-ML': 'Africa/Ceuta',
      'PT-20': 'Atlantic/Azores',
      'PT-30': 'Atlantic/Madeira',
      'FR-974': 'Indian/Reunion',
    }
    for (const [code, zone] of Object.entries(expected)) expect([code, zoneOf(code)]).toEqual([code, zone])
  })

  it('uses the current ISO 3166-2:KZ numeric codes', () => {
    const kz = regionsOf('KZ').map((r) => r.code)
    expect(kz).toHaveLength(20)
    for (const code of kz) expect(code).toMatch(/^KZ-\d{2}$/)
    expect(kz).toEqual(expect.arrayContaining(['KZ-10', 'KZ-11', 'KZ-62', 'KZ-71', 'KZ-75', 'KZ-79']))
  })

  it('has Belarus and Uzbekistan complete', () => {
    expect(regionsOf('BY')).toHaveLength(7)
    expect(regionsOf('UZ')).toHaveLength(14)
  })
})
