// Issue 13, item 2: alarm records kept by the ingestion through a real broker into the real database: opened with
// the catalog's severity (or the default for an unknown code) at the modem's `since`, cleared when the active set
// drops the code, and a flapping code reopening its record within the window instead of opening a second one.
import { DEFAULT_REOPEN_WINDOW_SECONDS } from '../../src/domain/alarms'
import { settings } from '../../src/settings'
import { alarmRecords, modelWithCatalog, pumpOfModel } from './alarm-fixtures'
import { card, connect, eventually, payload, publish, useIngestion, type Modem } from './ingest-suite'

useIngestion()

let modelId: number

beforeAll(async () => {
  modelId = await modelWithCatalog('Alarm model', [
    { code: 'E12', severity: 'critical', textRu: 'Низкий расход', textEn: 'Low flow' },
    { code: 'W3', severity: 'warning', textRu: 'Фильтр', textEn: 'Filter' },
  ])
})

/** Publishes the active set and waits until the card holds it (each report lands in a batch of its own). */
async function report(client: Awaited<ReturnType<typeof connect>>, modem: Modem, active: object[], ts: number) {
  await publish(client, `hp/${modem.serial}/alarms`, { ts, active })
  const codes = active.map((alarm) => (alarm as { code: string }).code)
  await eventually(async () =>
    expect(((await card(modem.id)).activeAlarms as { code: string }[]).map((alarm) => alarm.code)).toEqual(codes),
  )
}

describe('alarm records from the modem', () => {
  it('opens one record per code with the catalog severity, the default for an unknown code, at `since`', async () => {
    const modem = await pumpOfModel(modelId)
    const client = await connect(modem)
    const since = Date.now() - 60_000
    const now = Date.now()
    await report(
      client,
      modem,
      [
        { code: 'E12', text: 'LOW FLOW', since },
        { code: 'X99', text: 'Something new' },
      ],
      now,
    )
    const opened = await eventually(async () => {
      const list = await alarmRecords(modem.id)
      expect(list).toHaveLength(2)
      return list
    })
    const byCode = Object.fromEntries(opened.map((record) => [record.code, record]))
    expect(byCode.E12).toMatchObject({ severity: 'critical', text: 'LOW FLOW', clearedAt: null })
    expect(byCode.E12.raisedAt).toBe(new Date(since).toISOString())
    // No `since`: the report's time.
    expect(byCode.X99).toMatchObject({ severity: 'major', text: 'Something new', clearedAt: null })
    expect(byCode.X99.raisedAt).toBe(new Date(now).toISOString())

    // The same set again (a retained message delivered anew) opens nothing.
    await publish(client, `hp/${modem.serial}/alarms`, {
      ts: now + 500,
      active: [{ code: 'E12', since }, { code: 'X99' }],
    })
    await eventually(async () => expect((await card(modem.id)).alarmsAt).toBe(new Date(now + 500).toISOString()))

    // E12 goes from the active set: its record is cleared at the report's time; X99 stays open.
    await report(client, modem, [{ code: 'X99' }], now + 1000)
    const after = await eventually(async () => {
      const list = await alarmRecords(modem.id)
      expect(list.find((record) => record.code === 'E12')?.clearedAt).toBe(new Date(now + 1000).toISOString())
      return list
    })
    expect(after).toHaveLength(2)
    expect(after.find((record) => record.code === 'X99')?.clearedAt).toBeNull()
  })

  it(`a code raised again within the window (${DEFAULT_REOPEN_WINDOW_SECONDS} s) reopens its record`, async () => {
    expect(settings.alarmReopenSeconds).toBe(DEFAULT_REOPEN_WINDOW_SECONDS)
    const modem = await pumpOfModel(modelId)
    const client = await connect(modem)
    const now = Date.now()
    await report(client, modem, [{ code: 'W3' }], now - 180_000)
    await report(client, modem, [], now - 120_000)
    await eventually(async () => expect((await alarmRecords(modem.id))[0]?.clearedAt).toBeTruthy())
    await report(client, modem, [{ code: 'W3' }], now)
    await eventually(async () => {
      const list = await alarmRecords(modem.id)
      expect(list).toHaveLength(1)
      expect(list[0]).toMatchObject({ code: 'W3', severity: 'warning', clearedAt: null, flaps: 1 })
      expect(list[0].raisedAt).toBe(new Date(now - 180_000).toISOString())
    })
  })

  it('a code raised again after the window opens a new record', async () => {
    const modem = await pumpOfModel(modelId)
    const client = await connect(modem)
    const now = Date.now()
    await report(client, modem, [{ code: 'W3' }], now - 40 * 60_000)
    await report(client, modem, [], now - 30 * 60_000)
    await eventually(async () => expect((await alarmRecords(modem.id))[0]?.clearedAt).toBeTruthy())
    await report(client, modem, [{ code: 'W3' }], now)
    await eventually(async () => {
      const list = await alarmRecords(modem.id)
      expect(list.map((record) => [record.clearedAt === null, record.flaps])).toEqual([
        [false, 0],
        [true, 0],
      ])
    })
  })

  it('a deleted pump takes its alarm records with it', async () => {
    const modem = await pumpOfModel(modelId)
    const client = await connect(modem)
    await report(client, modem, [{ code: 'E12' }], Date.now())
    await eventually(async () => expect(await alarmRecords(modem.id)).toHaveLength(1))
    await client.endAsync(true)
    await payload.delete({ collection: 'pumps', id: modem.id })
    expect(await alarmRecords(modem.id)).toHaveLength(0)
  })
})
