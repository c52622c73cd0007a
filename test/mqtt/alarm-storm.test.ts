// Issue 13, item 4 (storms): a code that raises again and again on one pump beyond the flapping window opens a
// record each time, but each recipient gets at most one e-mail (and one push) per pump and code within
// ALARM_NOTIFY_WINDOW_MINUTES; after the window they are told again. Through a real broker into a real SMTP server;
// the clock is the modem's report time, which the test sets.

import { dispatchNotifications } from '../../src/services/notifications'
import { settings } from '../../src/settings'
import { modelWithCatalog, pumpOfModel, useMailSink } from './alarm-fixtures'
import { card, connect, eventually, payload, publish, useIngestion, type Modem } from './ingest-suite'

useIngestion()

const TEAM = 'storm-team@test.local'
const mail = useMailSink(TEAM)
const INSTALLER = 'storm-installer@partner.test'
const MINUTE = 60_000
let modelId: number
let partnerId: number

beforeAll(async () => {
  modelId = await modelWithCatalog('Storm model', [
    { code: 'E7', severity: 'critical', textRu: 'Перегрев', textEn: 'Overheating' },
  ])
  const partner = await payload.create({
    collection: 'partners',
    data: { name: 'Storm Partner', contacts: { email: INSTALLER }, alarmMail: { language: 'en' } },
  })
  partnerId = partner.id
})

afterAll(async () => {
  settings.alarmNotifyWindowMinutes = 60
})

const partnerPump = () => pumpOfModel(modelId, partnerId)

async function report(client: Awaited<ReturnType<typeof connect>>, modem: Modem, active: object[], ts: number) {
  await publish(client, `hp/${modem.serial}/alarms`, { ts, active })
  const codes = active.map((alarm) => (alarm as { code: string }).code)
  await eventually(async () =>
    expect(((await card(modem.id)).activeAlarms as { code: string }[]).map((alarm) => alarm.code)).toEqual(codes),
  )
}

/** Raises E7 at `minute` (after `start`) and clears it 5 minutes later (the next raise is beyond the 10-minute reopen window). */
async function bout(client: Awaited<ReturnType<typeof connect>>, modem: Modem, start: number, minute: number) {
  await report(client, modem, [{ code: 'E7' }], start + minute * MINUTE)
  await report(client, modem, [], start + (minute + 5) * MINUTE)
}

const count = async (collection: 'alarms' | 'notifications', where: object) =>
  (await payload.count({ collection, where: where as never })).totalDocs
const mailsAbout = (serial: string) => mail.smtp.received.filter((mail) => mail.subject.includes(serial))

describe('the storm window', () => {
  it('one e-mail per recipient, pump and code within the window; records kept; told again after it', async () => {
    settings.alarmNotifyWindowMinutes = 60
    const modem = await partnerPump()
    const client = await connect(modem)
    const start = Date.now() - 4 * 60 * MINUTE
    // Raised at 0, 20 and 40 minutes, each a new record (cleared 15 minutes before the next).
    for (const minute of [0, 20, 40]) await bout(client, modem, start, minute)
    expect(await count('alarms', { pump: { equals: modem.id } })).toBe(3)
    expect(await count('notifications', { 'alarm.pump': { equals: modem.id } })).toBe(2)
    await dispatchNotifications(payload, mail.send, { serverUrl: 'https://registry.test', maxAttempts: 3 })
    await eventually(async () => expect(mailsAbout(modem.serial)).toHaveLength(2))
    expect(
      mailsAbout(modem.serial)
        .flatMap((mail) => mail.to)
        .sort(),
    ).toEqual([INSTALLER, TEAM])

    // 61 minutes after the first told: the window has passed, each recipient is told once more.
    await bout(client, modem, start, 61)
    expect(await count('alarms', { pump: { equals: modem.id } })).toBe(4)
    await dispatchNotifications(payload, mail.send, { serverUrl: 'https://registry.test', maxAttempts: 3 })
    await eventually(async () => expect(mailsAbout(modem.serial)).toHaveLength(4))
    await client.endAsync(true)
  })

  it('another pump or another window setting is told on its own', async () => {
    settings.alarmNotifyWindowMinutes = 20
    const modem = await partnerPump()
    const client = await connect(modem)
    const start = Date.now() - 4 * 60 * MINUTE
    for (const minute of [0, 30]) await bout(client, modem, start, minute)
    // With a 20-minute window the raise at 30 minutes is told again: 2 recipients × 2 records.
    expect(await count('notifications', { 'alarm.pump': { equals: modem.id } })).toBe(4)
    // Sent, so that nothing of this file is left queued for the next file's dispatcher (one database per run).
    await dispatchNotifications(payload, mail.send, { serverUrl: 'https://registry.test', maxAttempts: 3 })
    await eventually(async () => expect(mailsAbout(modem.serial)).toHaveLength(4))
    await client.endAsync(true)
  })
})
