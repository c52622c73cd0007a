import {
  alarmChanges,
  MAX_PAYLOAD_BYTES,
  type Alarm,
  mayPublish,
  mergePending,
  mergeReport,
  parseModemMessage,
  parseTopic,
  type ModemReport,
} from '../../plugins/mqtt-ingest/modem'
import { normalizeSerial } from '../../src/domain/registration'

const NOW = new Date('2026-11-28T10:00:00.000Z')
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))
const parse = (topic: string, value: unknown) => parseModemMessage(topic, bytes(value), NOW, normalizeSerial)
/** A data report with no readings. */
const data = (at: Date) => ({ kind: 'data' as const, serial: 'A', at, readings: { at, keys: [], values: [] } })

describe('modem topics', () => {
  it('are hp/{serial}/status|data|alarms, the serial read as printed', () => {
    expect(parseTopic('hp/hp-2026-00001/status', normalizeSerial)).toEqual({ serial: 'HP-2026-00001', kind: 'status' })
    expect(parseTopic('hp/X/firmware', normalizeSerial)).toBeNull()
    expect(parseTopic('hp/X/status/extra', normalizeSerial)).toBeNull()
    expect(parseTopic('other/X/status', normalizeSerial)).toBeNull()
    expect(parseTopic('hp//status', normalizeSerial)).toBeNull()
  })

  it('a modem publishes only under its own serial', () => {
    expect(mayPublish('HP-1', 'hp/HP-1/data', normalizeSerial)).toBe(true)
    expect(mayPublish('hp-1', 'hp/HP-1/alarms', normalizeSerial)).toBe(true)
    expect(mayPublish('HP-1', 'hp/HP-2/data', normalizeSerial)).toBe(false)
    expect(mayPublish('HP-1', 'hp/HP-1/commands', normalizeSerial)).toBe(false)
  })
})

describe('modem messages', () => {
  it('reads a birth, a will, data and alarms', () => {
    expect(parse('hp/A/status', { online: true, conn: 'gsm', fw: '1.4.2' })).toEqual({
      ok: true,
      report: { kind: 'status', serial: 'A', at: NOW, online: true, connectionType: 'gsm', firmware: '1.4.2' },
    })
    expect(parse('hp/A/status', { online: false })).toMatchObject({
      ok: true,
      report: { online: false, connectionType: null },
    })
    expect(parse('hp/A/data', { ts: NOW.getTime() - 1000, t_out: -7.5 })).toEqual({
      ok: true,
      report: {
        kind: 'data',
        serial: 'A',
        at: NOW,
        readings: { at: new Date(NOW.getTime() - 1000), keys: ['t_out'], values: [-7.5] },
      },
    })
    expect(
      parse('hp/A/alarms', { active: [{ code: 'E12', text: 'Low flow', since: '2026-11-28T09:00:00Z' }] }),
    ).toEqual({
      ok: true,
      report: {
        kind: 'alarms',
        serial: 'A',
        at: NOW,
        alarms: [{ code: 'E12', text: 'Low flow', since: '2026-11-28T09:00:00.000Z' }],
      },
    })
  })

  it('orders by ts when believable, else by receive time', () => {
    const earlier = NOW.getTime() - 60_000
    expect(parse('hp/A/status', { online: true, ts: earlier })).toMatchObject({ report: { at: new Date(earlier) } })
    expect(parse('hp/A/status', { online: true, ts: '2026-11-28T09:59:00Z' })).toMatchObject({
      report: { at: new Date(earlier) },
    })
    const farAhead = NOW.getTime() + 3600_000
    expect(parse('hp/A/status', { online: true, ts: farAhead })).toMatchObject({ report: { at: NOW } })
  })

  it('names the reason for each refusal', () => {
    expect(parse('hp/A/other', { online: true })).toEqual({ ok: false, reason: 'bad_topic' })
    expect(parseModemMessage('hp/A/data', Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 32), NOW, normalizeSerial)).toMatchObject(
      { reason: 'oversized' },
    )
    expect(parse('hp/A/status', '{"online": tru')).toMatchObject({ reason: 'malformed_json', serial: 'A' })
    for (const [topic, body] of [
      ['hp/A/status', { online: 'yes' }],
      ['hp/A/status', { online: true, conn: 'lte' }],
      ['hp/A/status', { online: true, fw: 42 }],
      ['hp/A/status', { online: true, ts: 'yesterday' }],
      ['hp/A/alarms', { active: 'E12' }],
      ['hp/A/alarms', { active: [{ text: 'no code' }] }],
      ['hp/A/data', [1, 2]],
      ['hp/A/data', 'null'],
    ] as const) {
      expect({ topic, body, result: parse(topic, body) }).toMatchObject({
        result: { ok: false, reason: 'invalid_payload' },
      })
    }
  })
})

describe('every time field in every message kind is a sane time or a refusal', () => {
  // Each of these once reached toISOString() (RangeError) or PostgreSQL (out of range) and stopped the ingestion.
  const notTimes: unknown[] = [
    1e20,
    -1,
    0,
    1,
    1.7e9,
    1e308,
    -1e308,
    8.64e15 + 1,
    '1e20',
    'NaN',
    'Infinity',
    '',
    'now',
    '+275760-09-13T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1999-12-31T23:59:59Z',
    '2026-13-45T99:99:99Z',
    true,
    [],
    {},
    [1e20],
    '2026-11-28T10:00:00Z' + ' '.repeat(40),
  ]
  const withTime = (kind: string, time: unknown): unknown =>
    kind === 'status' ? { online: true, ts: time } : kind === 'data' ? { ts: time, t_out: 1 } : { active: [], ts: time }
  it.each(['status', 'data', 'alarms'])('`ts` on %s', (kind) => {
    for (const time of notTimes) {
      expect({ time, result: parse(`hp/A/${kind}`, withTime(kind, time)) }).toMatchObject({
        result: { ok: false, reason: 'invalid_payload' },
      })
    }
    expect(parse(`hp/A/${kind}`, withTime(kind, '2000-01-01T00:00:00Z'))).toMatchObject({ ok: true })
  })

  it('`since` on an alarm', () => {
    for (const since of notTimes) {
      expect({ since, result: parse('hp/A/alarms', { active: [{ code: 'E9', since }] }) }).toMatchObject({
        result: { ok: false, reason: 'invalid_payload' },
      })
    }
  })

  it('a time ahead of our clock by more than 5 minutes stands for the receive time, `ts` and `since` alike', () => {
    const ahead = NOW.getTime() + 3600_000
    expect(parse('hp/A/alarms', { active: [{ code: 'E9', since: ahead }], ts: ahead })).toEqual({
      ok: true,
      report: { kind: 'alarms', serial: 'A', at: NOW, alarms: [{ code: 'E9', text: '', since: NOW.toISOString() }] },
    })
  })

  it('text PostgreSQL cannot store (NUL, a lone surrogate) is refused; a long text is cut without splitting a pair', () => {
    for (const body of [
      { online: true, fw: 'a\u0000b' },
      { online: true, fw: '\ud800' },
    ])
      expect(parse('hp/A/status', body)).toMatchObject({ ok: false, reason: 'invalid_payload' })
    for (const alarm of [{ code: 'E\u0000' }, { code: 'E1', text: 'x\udc00' }]) {
      expect(parse('hp/A/alarms', { active: [alarm] })).toMatchObject({ ok: false, reason: 'invalid_payload' })
    }
    const cut = parse('hp/A/alarms', { active: [{ code: 'E1', text: 'a' + '😀'.repeat(300) }] })
    expect(cut.ok && cut.report.kind === 'alarms' && cut.report.alarms[0].text).toBe('a' + '😀'.repeat(249))
    expect(parseTopic('hp/A\u0000B/status', normalizeSerial)).toBeNull()
    expect(parseTopic(`hp/${'A'.repeat(65)}/status`, normalizeSerial)).toBeNull()
  })
})

describe('merging reports per pump', () => {
  const status = (
    online: boolean,
    at: number,
    connectionType: 'gsm' | 'wifi' | null = null,
    firmware: string | null = null,
  ): ModemReport => ({ kind: 'status', serial: 'A', at: new Date(at), online, connectionType, firmware })
  const t = NOW.getTime()

  it('a stale offline after a newer online does not win; a tie goes to the later arrival', () => {
    let card = mergeReport(undefined, status(true, t), NOW)
    card = mergeReport(card, status(false, t - 1000), NOW)
    expect(card.presence).toMatchObject({ online: true })
    card = mergeReport(card, status(false, t), NOW)
    expect(card.presence).toMatchObject({ online: false })
    expect(card.connectedAt).toEqual(new Date(t))
  })

  it('data says online as of its arrival, but not over a newer report', () => {
    const card = mergeReport(undefined, data(NOW), NOW)
    expect(card).toMatchObject({ presence: { online: true, at: NOW }, dataAt: NOW, connectedAt: null })
    const later = mergeReport(mergeReport(undefined, status(false, t + 5000), NOW), data(NOW), NOW)
    expect(later.presence).toMatchObject({ online: false })
  })

  it("a birth's network and firmware outlive a newer report without them (data, a bare online)", () => {
    const birth = status(true, t, 'gsm', '1.4.2')
    let card = mergeReport(undefined, birth, NOW)
    card = mergeReport(card, data(new Date(t + 100)), NOW)
    expect(card.presence).toMatchObject({ online: true, connectionType: 'gsm', firmware: '1.4.2' })
    card = mergeReport(card, status(true, t + 200), NOW)
    expect(card.presence).toMatchObject({ at: new Date(t + 200), connectionType: 'gsm', firmware: '1.4.2' })
    const newBirth = mergeReport(card, status(true, t + 300, 'wifi', '1.5.0'), NOW)
    expect(newBirth.presence).toMatchObject({ connectionType: 'wifi', firmware: '1.5.0' })
    // The same across a failed batch put back under a newer data message.
    const putBack = mergePending(
      mergeReport(undefined, birth, NOW),
      mergeReport(undefined, data(new Date(t + 100)), NOW),
    )
    expect(putBack.presence).toMatchObject({ at: new Date(t + 100), connectionType: 'gsm', firmware: '1.4.2' })
  })

  it('a failed batch merged back under newer reports keeps the newest of each', () => {
    const older = mergeReport(mergeReport(undefined, status(true, t), NOW), data(new Date(t + 100)), NOW)
    const newer = mergeReport(
      undefined,
      { kind: 'alarms', serial: 'A', at: new Date(t + 200), alarms: [] },
      new Date(t + 200),
    )
    const merged = mergePending(older, newer)
    expect(merged).toMatchObject({ presence: { online: true }, alarms: { alarms: [] }, dataAt: new Date(t + 100) })
    expect(merged.seenAt).toEqual(new Date(t + 200))
  })
})

describe('alarm changes', () => {
  it('are told by code', () => {
    const e12 = { code: 'E12', text: 'Low flow', since: null }
    const e21 = { code: 'E21', text: 'High pressure', since: null }
    expect(alarmChanges([e12], [e12, e21])).toEqual({ raised: [e21], cleared: [] })
    expect(alarmChanges([e12, e21], [])).toEqual({ raised: [], cleared: [e12, e21] })
  })
})

describe('alarms that come and go within one window', () => {
  const t = NOW.getTime()
  const s1: Alarm = { code: 'S1', text: 'Storm', since: null }
  const alarms = (at: number, active: (typeof s1)[]): ModemReport => ({
    kind: 'alarms',
    serial: 'A',
    at: new Date(at),
    alarms: active,
  })
  const iso = (at: number) => new Date(at).toISOString()

  it('are kept on the card, raised at `since` (else the report) and cleared at the later report', () => {
    let card = mergeReport(undefined, alarms(t, [{ ...s1, since: iso(t - 500) }]), NOW)
    card = mergeReport(card, alarms(t + 1000, []), NOW)
    expect(card.alarms?.alarms).toEqual([])
    expect(card.passedAlarms).toEqual([{ code: 'S1', text: 'Storm', raisedAt: iso(t - 500), clearedAt: iso(t + 1000) }])
  })

  it('whatever order they arrive in; a flapping code is one entry, its first raise and last clear', () => {
    let card = mergeReport(undefined, alarms(t + 1000, []), NOW)
    card = mergeReport(card, alarms(t, [s1]), NOW)
    card = mergeReport(card, alarms(t + 2000, [s1]), NOW)
    card = mergeReport(card, alarms(t + 3000, []), NOW)
    expect(card.alarms?.at).toEqual(new Date(t + 3000))
    expect(card.passedAlarms).toEqual([{ code: 'S1', text: 'Storm', raisedAt: iso(t), clearedAt: iso(t + 3000) }])
  })

  it('survive a failed batch put back under newer reports, and are found between the two', () => {
    const older = mergeReport(undefined, alarms(t, [s1]), NOW)
    const newer = mergeReport(undefined, alarms(t + 1000, []), NOW)
    expect(mergePending(older, newer).passedAlarms).toEqual([
      { code: 'S1', text: 'Storm', raisedAt: iso(t), clearedAt: iso(t + 1000) },
    ])
    const both = mergeReport(mergeReport(undefined, alarms(t, [s1]), NOW), alarms(t + 500, []), NOW)
    expect(mergePending(both, mergeReport(undefined, alarms(t + 1000, []), NOW)).passedAlarms).toHaveLength(1)
  })
})
