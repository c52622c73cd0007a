// The readings of a data message: what is kept, what refuses the whole message, and the latest value per key.
import { mergePending, mergeReport, parseModemMessage } from '../../plugins/mqtt-ingest/modem'
import { appendReadings, latestOf, MAX_PENDING_READINGS, parseReadings } from '../../plugins/mqtt-ingest/readings'
import { normalizeSerial } from '../../src/domain/registration'

const NOW = new Date('2026-12-05T10:00:00.000Z')
const parse = (body: string) => parseModemMessage('hp/A/data', Buffer.from(body), NOW, normalizeSerial)

describe('readings of a data message', () => {
  it('keeps numbers and booleans (as 1/0), keys sorted, at the modem time', () => {
    const ts = NOW.getTime() - 60_000
    expect(parse(JSON.stringify({ ts, t_out: -7.5, power_w: 1830, defrost: true, dhw_on: false }))).toEqual({
      ok: true,
      report: {
        kind: 'data',
        serial: 'A',
        at: NOW,
        readings: { at: new Date(ts), keys: ['defrost', 'dhw_on', 'power_w', 't_out'], values: [1, 0, 1830, -7.5] },
      },
    })
  })

  it.each([
    ['a string', '{"t_out": "-7.5"}'],
    ['null', '{"t_out": null}'],
    ['an object', '{"t_out": {"v": 1}}'],
    ['a huge number', '{"t_out": 1e10}'],
    ['an infinite number', '{"t_out": 1e400}'],
    ['a key outside the pattern', '{"t out": 1}'],
    ['too many keys', JSON.stringify(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i])))],
    ['10,000 keys', JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])))],
  ])('refuses the whole message for %s', (_, body) => {
    const parsed = parse(body)
    expect(parsed.ok).toBe(false)
    // 10,000 keys is over the 16 KiB payload limit before any reading is looked at.
    if (!parsed.ok) expect(['invalid_reading', 'oversized']).toContain(parsed.reason)
    if (body.length < 16 * 1024 && !parsed.ok) expect(parsed.reason).toBe('invalid_reading')
  })

  it('a magnitude float4 cannot hold (underflow) is stored as 0', () => {
    expect(parseReadings({ a: 1e-50, b: -1e-31, c: 1e-29 }, NOW)!.values).toEqual([0, 0, 1e-29])
  })

  it('NaN is not JSON: refused as malformed', () => {
    expect(parse('{"t_out": NaN}')).toEqual({ ok: false, reason: 'malformed_json', serial: 'A' })
  })

  it('the latest value of each key is the newest, whatever the arrival order', () => {
    const a = parseReadings({ t_out: 1, t_flow: 40 }, new Date(NOW.getTime() + 1000))!
    const b = parseReadings({ t_out: 2 }, NOW)!
    expect(latestOf([a, b])).toEqual({
      t_out: { v: 1, at: '2026-12-05T10:00:01.000Z' },
      t_flow: { v: 40, at: '2026-12-05T10:00:01.000Z' },
    })
    expect(latestOf([])).toBeNull()
  })

  it('a pump keeps every message of a batch, and a put-back batch keeps them under newer ones', () => {
    const message = (ts: number, t_out: number) => {
      const parsed = parse(JSON.stringify({ ts: NOW.getTime() - 10_000 + ts, t_out }))
      if (!parsed.ok) throw new Error('refused')
      return parsed.report
    }
    const first = mergeReport(mergeReport(undefined, message(1, 1), NOW), message(2, 2), NOW)
    expect(first.readings.map((reading) => reading.values[0])).toEqual([1, 2])
    const newer = mergeReport(undefined, message(3, 3), NOW)
    expect(mergePending(first, newer).readings.map((reading) => reading.values[0])).toEqual([1, 2, 3])
  })

  it('pending readings per pump are bounded: the oldest go first', () => {
    const list = Array.from({ length: MAX_PENDING_READINGS }, (_, i) => parseReadings({ x: i }, new Date(i + 10))!)
    expect(
      appendReadings(list, [parseReadings({ x: -1 }, new Date(5))!, parseReadings({ x: -2 }, new Date(9e11))!]),
    ).toBe(2)
    expect(list).toHaveLength(MAX_PENDING_READINGS)
    expect(list[0].values).toEqual([1])
    expect(list.at(-1)!.values).toEqual([-2])
  })
})
