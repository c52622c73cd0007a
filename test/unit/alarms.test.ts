// Issue 13: the alarm catalog's CSV check (every row checked, each problem named by row and column, nothing
// returned unless all rows are right), severities' order and the age shown.
import { ageMinutes, parseCatalogCsv, SEVERITIES } from '../../src/domain/alarms'

const HEADER = 'code,severity,text_ru,text_en,action_ru,action_en,manual_page'

describe('alarm catalog CSV', () => {
  it('reads every row, with quotes, a BOM, semicolons and optional columns', () => {
    const csv = `\uFEFF${HEADER}\nE12,critical,"Высокое давление, контур",High pressure,Проверьте,Check the filter,42\nW1,Warning,Датчик,Sensor,,,\n`
    const parsed = parseCatalogCsv(csv)
    expect(parsed).toEqual({
      ok: true,
      entries: [
        {
          code: 'E12',
          severity: 'critical',
          textRu: 'Высокое давление, контур',
          textEn: 'High pressure',
          actionRu: 'Проверьте',
          actionEn: 'Check the filter',
          manualPage: 42,
        },
        {
          code: 'W1',
          severity: 'warning',
          textRu: 'Датчик',
          textEn: 'Sensor',
          actionRu: null,
          actionEn: null,
          manualPage: null,
        },
      ],
    })
    const semicolons = parseCatalogCsv('code;severity;text_ru;text_en\nE1;minor;Текст;Text\n')
    expect(semicolons.ok && semicolons.entries[0]).toMatchObject({ code: 'E1', severity: 'minor' })
  })

  it('names each bad row and column and returns no entries', () => {
    const csv = `${HEADER}\nE1,critical,Текст,Text,,,\nE1,fatal,,Text,,,x\nbad code!,minor,Т,T,,,\n`
    const parsed = parseCatalogCsv(csv)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems.map((problem) => [problem.row, problem.column])).toEqual([
      [3, 'code'],
      [3, 'severity'],
      [3, 'text_ru'],
      [3, 'manual_page'],
      [4, 'code'],
    ])
    expect(parsed.problems[0].message).toEqual({ en: 'The code is repeated', ru: 'Код повторяется' })
  })

  it('refuses a file without the required columns, an empty one and an unreadable one', () => {
    const missing = parseCatalogCsv('code,severity\nE1,minor\n')
    expect(missing).toMatchObject({ ok: false, problems: [{ row: 1, column: 'text_ru, text_en' }] })
    expect(parseCatalogCsv('')).toMatchObject({ ok: false })
    const unreadable = parseCatalogCsv(`${HEADER}\nE1,minor,"open quote,T,,,\n`)
    expect(unreadable).toMatchObject({ ok: false, problems: [{ message: { en: 'Not a readable CSV' } }] })
    const ragged = parseCatalogCsv(`${HEADER}\nE1,minor\n`)
    expect(ragged.ok).toBe(false)
  })
})

describe('alarm severities and age', () => {
  it('orders severities worst first', () => {
    expect(SEVERITIES).toEqual(['critical', 'major', 'minor', 'warning'])
  })
  it('gives whole minutes, never negative', () => {
    const now = new Date('2026-12-05T12:00:00Z')
    expect(ageMinutes(new Date('2026-12-05T10:29:30Z'), now)).toBe(90)
    expect(ageMinutes(new Date('2026-12-05T12:05:00Z'), now)).toBe(0)
  })
})
