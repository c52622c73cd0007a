// The telemetry domain: how readings are shown, the query's checks and the server's choice of resolution, the
// chart's columns with gaps, and demo readings that stay within the demo model's plausible ranges.
import { chartColumns, gapAfterMs } from '../../src/domain/telemetry-chart'
import { DEMO_TELEMETRY_SCHEMA, demoReading } from '../../src/domain/telemetry-demo'
import { formatReading, keyName, outOfRange, type TelemetryKey } from '../../src/domain/telemetry'
import { parseTelemetryQuery, pickResolution } from '../../src/domain/telemetry-query'

const T_OUT: TelemetryKey = {
  key: 't_out',
  kind: 'number',
  unit: '°C',
  decimals: 1,
  min: -40,
  max: 45,
  name: { ru: 'Наружная', en: 'Outdoor' },
}
const MODE = DEMO_TELEMETRY_SCHEMA.find((key) => key.key === 'mode')!
const NOW = new Date('2026-12-05T12:00:00Z')
const DAY = 86_400_000

describe('showing a reading', () => {
  it('with the unit and decimals in the reader’s language; booleans and states in words; unknown keys raw', () => {
    expect(formatReading(-7.45, T_OUT, 'en')).toBe('-7.5 °C')
    expect(formatReading(-7.45, T_OUT, 'ru')).toMatch(/^-7,5 °C$/)
    expect(formatReading(2, MODE, 'ru')).toBe('ГВС')
    expect(formatReading(1, { ...T_OUT, kind: 'boolean' }, 'en')).toBe('yes')
    expect(formatReading(3.14159, undefined, 'en')).toBe('3.14159')
    expect(keyName('x_raw', undefined, 'ru')).toBe('x_raw')
    expect(keyName('t_out', T_OUT, 'en')).toBe('Outdoor')
  })

  it('marks a number outside the plausible range, never a state', () => {
    expect(outOfRange(46, T_OUT)).toBe(true)
    expect(outOfRange(-41, T_OUT)).toBe(true)
    expect(outOfRange(45, T_OUT)).toBe(false)
    expect(outOfRange(99, MODE)).toBe(false)
    expect(outOfRange(1e6, undefined)).toBe(false)
  })
})

describe('the query and the resolution', () => {
  it('defaults to the last 24 hours and every key', () => {
    expect(parseTelemetryQuery({}, NOW)).toEqual({
      ok: true,
      query: { from: new Date(NOW.getTime() - DAY), to: NOW, keys: null, resolution: 'auto' },
    })
    expect(parseTelemetryQuery({ keys: 't_out, t_flow,t_out', from: String(NOW.getTime() - 1000) }, NOW)).toMatchObject(
      {
        ok: true,
        query: { keys: ['t_out', 't_flow'], from: new Date(NOW.getTime() - 1000) },
      },
    )
  })

  it('picks raw for two days, then the finest rollup of at most 2,500 points: 5-minute, hourly, daily', () => {
    const at = (days: number) => pickResolution(new Date(NOW.getTime() - days * DAY), NOW, 'auto')
    expect([at(1), at(2), at(3), at(7), at(9), at(30), at(104), at(105), at(365), at(10_000), at(10_001)]).toEqual([
      'raw',
      'raw',
      '5m',
      '5m',
      '1h',
      '1h',
      '1h',
      '1d',
      '1d',
      '1d',
      null,
    ])
    // Asked for, a rollup is given up to 10,000 points.
    expect(pickResolution(new Date(NOW.getTime() - 34 * DAY), NOW, '5m')).toBe('5m')
    expect(pickResolution(new Date(NOW.getTime() - 365 * DAY), NOW, '1h')).toBe('1h')
    expect(pickResolution(new Date(NOW.getTime() - 40 * DAY), NOW, '5m')).toBeNull()
    expect(pickResolution(new Date(NOW.getTime() - 9 * DAY), NOW, 'raw')).toBeNull()
  })
})

describe('the chart', () => {
  it('breaks the line where the readings stop for longer than usual', () => {
    const minute = 60_000
    const t = [0, 1, 2, 3, 30, 31].map((m) => 1_800_000_000_000 + m * minute)
    const answer = { resolution: 'raw' as const, t, values: { a: [1, 2, 3, 4, 5, 6] } }
    expect(gapAfterMs(answer)).toBe(10 * minute)
    const [time, a] = chartColumns(answer, ['a'])
    expect(a).toEqual([1, 2, 3, 4, null, 5, 6])
    expect(time).toHaveLength(7)
  })

  it('gives rollups a min and a max column per key, for the band', () => {
    const answer = {
      resolution: '5m' as const,
      t: [0, 300_000],
      values: { a: [2, 3] },
      min: { a: [1, 2] },
      max: { a: [3, 4] },
    }
    expect(chartColumns(answer, ['a'])).toEqual([
      [0, 300],
      [2, 3],
      [1, 2],
      [3, 4],
    ])
  })
})

describe('demo readings', () => {
  it('stay within the demo model’s plausible ranges through a week, for several pumps', () => {
    for (let at = NOW.getTime(); at < NOW.getTime() + 7 * DAY; at += 3_600_000) {
      for (const seed of [0, 1, 4]) {
        const reading = demoReading(at, seed)
        for (const key of DEMO_TELEMETRY_SCHEMA)
          expect([key.key, outOfRange(reading[key.key], key)]).toEqual([key.key, false])
      }
    }
  })
})
