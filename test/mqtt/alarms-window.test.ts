// An alarm that comes and goes within one coalescing window is still recorded. The card keeps only the newest active
// set, so before this a code raised by one report and dropped by the next, both in the same batch (under load the
// batch spans seconds: the alarm storm bench lost 2.4 % of its storm this way), left no record, no history, no mail.
// The ingester here flushes every 1.5 s, so reports published back to back surely share a batch.
import { alarmRecords, modelWithCatalog, pumpOfModel } from './alarm-fixtures'
import { card, connect, eventually, modemEvents, publish, useIngestion, type Modem } from './ingest-suite'

useIngestion({ flushIntervalMs: 1500 })

let modelId: number

beforeAll(async () => {
  modelId = await modelWithCatalog('Window model', [
    { code: 'S1', severity: 'critical', textRu: 'Авария', textEn: 'Failure' },
  ])
})

async function records(pumpId: number) {
  return (await alarmRecords(pumpId)).map(({ code, severity, raisedAt, clearedAt, flaps }) => ({
    code,
    severity,
    raisedAt,
    clearedAt,
    flaps,
  }))
}

/** Publishes alarm reports one after another (QoS 1: each taken by the broker) and waits for their batch. */
async function reportAll(modem: Modem, reports: { ts: number; active: object[] }[]) {
  const client = await connect(modem)
  for (const report of reports) await publish(client, `hp/${modem.serial}/alarms`, report)
  const newest = Math.max(...reports.map((report) => report.ts))
  await eventually(async () => expect((await card(modem.id)).alarmsAt).toBe(new Date(newest).toISOString()))
}

describe('alarms raised and cleared within one batch', () => {
  it('are recorded, raised at `since` and cleared at the later report, with their modem history', async () => {
    const modem = await pumpOfModel(modelId)
    const now = Date.now()
    await reportAll(modem, [
      { ts: now - 2000, active: [{ code: 'S1', text: 'Storm', since: now - 3000 }] },
      { ts: now, active: [] },
    ])
    expect((await card(modem.id)).activeAlarms).toEqual([])
    expect(await records(modem.id)).toEqual([
      {
        code: 'S1',
        severity: 'critical',
        raisedAt: new Date(now - 3000).toISOString(),
        clearedAt: new Date(now).toISOString(),
        flaps: 0,
      },
    ])
    const history = (await modemEvents(modem.id)).filter((event) => event.code === 'S1')
    expect(history.map((event) => [event.kind, event.at])).toEqual([
      ['alarm_raised', new Date(now - 3000).toISOString()],
      ['alarm_cleared', new Date(now).toISOString()],
    ])
  })

  it('also when the reports arrive out of order', async () => {
    const modem = await pumpOfModel(modelId)
    const now = Date.now()
    await reportAll(modem, [
      { ts: now, active: [{ code: 'W7', text: 'Other' }] },
      { ts: now - 1000, active: [{ code: 'S1', text: 'Storm' }] },
    ])
    expect(await records(modem.id)).toEqual([
      expect.objectContaining({
        code: 'S1',
        raisedAt: new Date(now - 1000).toISOString(),
        clearedAt: new Date(now).toISOString(),
      }),
      expect.objectContaining({ code: 'W7', raisedAt: new Date(now).toISOString(), clearedAt: null }),
    ])
  })

  it('a code that comes, goes and comes back within the batch is one open record that flapped once', async () => {
    const modem = await pumpOfModel(modelId)
    const now = Date.now()
    await reportAll(modem, [
      { ts: now - 2000, active: [{ code: 'S1', text: 'Storm' }] },
      { ts: now - 1000, active: [] },
      { ts: now, active: [{ code: 'S1', text: 'Storm' }] },
    ])
    expect(await records(modem.id)).toEqual([
      { code: 'S1', severity: 'critical', raisedAt: new Date(now - 2000).toISOString(), clearedAt: null, flaps: 1 },
    ])
  })

  it('a code already open before the batch is cleared once, not recorded again', async () => {
    const modem = await pumpOfModel(modelId)
    const now = Date.now()
    await reportAll(modem, [{ ts: now - 5000, active: [{ code: 'S1', text: 'Storm' }] }])
    await reportAll(modem, [
      { ts: now - 2000, active: [{ code: 'S1', text: 'Storm' }] },
      { ts: now, active: [] },
    ])
    expect(await records(modem.id)).toEqual([
      {
        code: 'S1',
        severity: 'critical',
        raisedAt: new Date(now - 5000).toISOString(),
        clearedAt: new Date(now).toISOString(),
        flaps: 0,
      },
    ])
  })
})
