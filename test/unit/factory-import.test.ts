// The factory file's row checks (src/domain/factory-import.ts) and the pump password's two hash kinds.
import bcrypt from 'bcryptjs'

import {
  checkImport,
  describeProblem,
  parseProductionDate,
  readHeader,
  serialsOf,
} from '../../src/domain/factory-import'
import { generatePumpPassword, labelPasswordHash, pumpPasswordMatches } from '../../src/services/pump-passwords'

const now = new Date('2026-12-05T12:00:00Z')
const context = { now, modelCodes: new Set(['AERO-9']), existingSerials: new Set(['HP-OLD']) }
const ICCID = '89701990000000000017'

describe('the file of produced pumps', () => {
  it('reads headers in either language and any order, and names unknown and missing ones', () => {
    expect(readHeader(['Дата производства', 'ICCID', 'Серийный номер', 'Модель']).problems).toEqual([])
    const { problems } = readHeader(['serial', 'colour'])
    expect(problems.map((problem) => problem.column)).toEqual(['file', 'model', 'iccid', 'productionDate'])
  })

  it('takes a good table, normalising serials, model codes and ICCIDs', () => {
    const result = checkImport(
      [
        ['serial', 'model', 'iccid', 'production date', 'note'],
        [' hp-1 ', 'aero-9', '8970 1990 0000 0000 0017', '28.11.2026', 'n'],
        [],
      ],
      context,
    )
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          row: 2,
          serial: 'HP-1',
          modelCode: 'AERO-9',
          iccid: ICCID,
          productionDate: new Date('2026-11-28T00:00:00Z'),
          note: 'n',
        },
      ],
    })
  })

  it('lists every problem by row and column, never some rows', () => {
    const result = checkImport(
      [
        ['serial', 'model', 'iccid', 'production date'],
        ['HP-1', 'AERO-9', ICCID, '2026-11-28'],
        ['hp-1', 'AERO-9', ICCID, '2026-11-28'],
        ['HP-OLD', 'GEO', '123', '2026-13-01'],
        ['HP 2', 'AERO-9', ICCID, ''],
      ],
      context,
    )
    expect(result.ok).toBe(false)
    const problems = result.ok ? [] : result.problems
    expect(problems.map((problem) => `${problem.row}.${problem.column}`)).toEqual([
      '3.serial',
      '4.serial',
      '4.model',
      '4.iccid',
      '4.productionDate',
      '5.serial',
      '5.productionDate',
    ])
    expect(describeProblem(problems[0], 'en')).toBe('Row 3, column "serial": The same serial as row 2')
    expect(describeProblem(problems[0], 'ru')).toBe(
      'Строка 3, столбец «серийный номер»: Тот же серийный номер, что в строке 2',
    )
    expect(serialsOf([['Serial'], ['a'], [''], ['b ']])).toEqual(['A', 'B'])
  })

  it('reads dates as spreadsheets and people write them, within 2000 and today', () => {
    expect(parseProductionDate(new Date('2026-01-02T00:00:00Z'), now)).toEqual(new Date('2026-01-02T00:00:00Z'))
    expect(parseProductionDate('2026-11-28T09:00:00+03:00', now)).toEqual(new Date('2026-11-28T06:00:00Z'))
    expect(parseProductionDate('29.02.2026', now)).toBe('format')
    expect(parseProductionDate('1999-12-31', now)).toBe('range')
    expect(parseProductionDate('2026-12-07', now)).toBe('range')
    expect(parseProductionDate('yesterday', now)).toBe('format')
  })
})

describe('pump passwords', () => {
  it('checks a generated one against its keyed hash and a typed one against bcrypt, and nothing against none', async () => {
    const { password, hash } = generatePumpPassword('secret')
    expect(password).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    expect(hash).toBe(labelPasswordHash('secret', password))
    expect(await pumpPasswordMatches('secret', hash, password)).toBe(true)
    expect(await pumpPasswordMatches('other-secret', hash, password)).toBe(false)
    expect(await pumpPasswordMatches('secret', hash, 'AAAA-AAAA-AAAA')).toBe(false)
    const typed = bcrypt.hashSync('label-pass-42', 4)
    expect(await pumpPasswordMatches('secret', typed, 'label-pass-42')).toBe(true)
    expect(await pumpPasswordMatches('secret', typed, 'label-pass-43')).toBe(false)
    expect(await pumpPasswordMatches('secret', null, 'label-pass-42')).toBe(false)
    expect(await pumpPasswordMatches('secret', 'hmac-sha256:zz', password)).toBe(false)
  })
})
