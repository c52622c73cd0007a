// Issue 13, item 4 (digest): a partner (and the service team) who chose the hourly digest gets one e-mail an hour
// listing the new alarms of the digest's severities, in its language, instead of one per alarm; never twice for
// one hour however often the job runs; nothing when nothing is new. Alarms raised through a real broker; a real
// SMTP server; the clock is the test's (the alarms' recording hour is set, the digest run is given `now`).
import { sql } from '@payloadcms/db-postgres'

import { sendAlarmDigests } from '../../src/services/alarm-digest'
import { DIGEST_TASK, NOTIFICATION_QUEUE } from '../../src/services/notification-job'
import { dispatchNotifications } from '../../src/services/notifications'
import { modelWithCatalog, pumpOfModel, useMailSink } from './alarm-fixtures'
import { card, connect, eventually, payload, publish, useIngestion, type Modem } from './ingest-suite'
import { execute } from './modems'

useIngestion()

const TEAM = 'digest-team@test.local'
const mail = useMailSink(TEAM)
const INSTALLER = 'digest-installer@partner.test'
let modelId: number
let partnerId: number

beforeAll(async () => {
  modelId = await modelWithCatalog('Digest model', [
    { code: 'W1', severity: 'warning', textRu: 'Фильтр грязный', textEn: 'Dirty filter' },
    { code: 'M2', severity: 'minor', textRu: 'Датчик улицы', textEn: 'Outdoor sensor' },
    { code: 'C3', severity: 'critical', textRu: 'Перегрев', textEn: 'Overheating' },
  ])
  const partner = await payload.create({
    collection: 'partners',
    data: {
      name: 'Digest Partner',
      contacts: { email: INSTALLER },
      alarmMail: { language: 'en', severities: ['critical'], digestSeverities: ['minor', 'warning', 'critical'] },
    },
  })
  partnerId = partner.id
})

async function raise(active: object[]): Promise<Modem> {
  const modem = await pumpOfModel(modelId, partnerId)
  const client = await connect(modem)
  await publish(client, `hp/${modem.serial}/alarms`, { ts: Date.now(), active })
  await eventually(async () => expect((await card(modem.id)).activeAlarms).toHaveLength(active.length))
  await client.endAsync(true)
  return modem
}

const team = { to: TEAM, language: 'ru' as const, severities: ['minor' as const, 'warning' as const] }
const digest = (now: string) =>
  sendAlarmDigests(payload, mail.send, { serverUrl: 'https://registry.test', now: new Date(now), team })
const digestsTo = (to: string) =>
  mail.smtp.received.filter((mail) => mail.to.includes(to) && /digest|Сводка/.test(mail.subject))

describe('the hourly alarm digest', () => {
  it('lists the hour’s minor and warning alarms in one e-mail per recipient, in its language, once', async () => {
    const first = await raise([{ code: 'W1' }, { code: 'M2' }])
    const second = await raise([{ code: 'C3' }])
    // The alarms were recorded between 10:00 and 11:00 UTC on 1 March 2031.
    await execute(
      payload,
      sql`update alarms set created_at = '2031-03-01T10:20:00Z' where pump_id in (${first.id}, ${second.id})`,
    )
    // One by one: the critical one only (the partner takes critical immediately, so not in its digest).
    await dispatchNotifications(payload, mail.send, { serverUrl: 'https://registry.test', maxAttempts: 3 })
    const immediate = () => mail.smtp.received.filter((mail) => mail.subject.includes(second.serial))
    await eventually(async () => expect(immediate()).toHaveLength(2))
    expect(immediate().every((mail) => mail.subject.includes('C3'))).toBe(true)

    expect(await digest('2031-03-01T10:55:00Z')).toBe(0) // the hour is not over
    expect(await digest('2031-03-01T11:05:00Z')).toBe(2)
    await eventually(async () => expect(digestsTo(INSTALLER)).toHaveLength(1))
    const toPartner = digestsTo(INSTALLER)[0]
    expect(toPartner.subject).toBe('Alarm digest 2031-03-01 10:00–11:00 UTC: 2 new')
    expect(toPartner.text).toContain(`Minor: M2 — Outdoor sensor (${first.serial}`)
    expect(toPartner.text).toContain(`Warning: W1 — Dirty filter (${first.serial}`)
    expect(toPartner.text.indexOf('M2')).toBeLessThan(toPartner.text.indexOf('W1'))
    expect(toPartner.text).not.toContain('C3')
    const toTeam = digestsTo(TEAM)
    expect(toTeam).toHaveLength(1)
    expect(toTeam[0].subject).toBe('Сводка аварий 2031-03-01 10:00–11:00 UTC: новых 2')
    expect(toTeam[0].text).toContain('Датчик улицы')

    // Nothing twice: the job runs again within the hour, and elsewhere at once.
    expect(await Promise.all([digest('2031-03-01T11:10:00Z'), digest('2031-03-01T11:10:00Z')])).toEqual([0, 0])
    // Nothing new in the next hour: nothing sent.
    expect(await digest('2031-03-01T12:05:00Z')).toBe(0)
    expect(digestsTo(INSTALLER)).toHaveLength(1)
    expect(digestsTo(TEAM)).toHaveLength(1)
    const rows = await payload.find({ collection: 'notifications', where: { kind: { equals: 'digest' } }, depth: 0 })
    expect(rows.docs.map((row) => [row.recipient, row.state, row.digestHour]).sort()).toEqual([
      [INSTALLER, 'sent', '2031-03-01T10:00:00.000Z'],
      [TEAM, 'sent', '2031-03-01T10:00:00.000Z'],
    ])
  })

  it("runs as Payload's job on the notifications queue (the last whole hour by the real clock)", async () => {
    const modem = await raise([{ code: 'M2' }])
    await execute(
      payload,
      sql`update alarms set created_at = date_trunc('hour', now()) - interval '30 minutes' where pump_id = ${modem.id}`,
    )
    await payload.jobs.queue({ task: DIGEST_TASK, input: {}, queue: NOTIFICATION_QUEUE })
    await payload.jobs.run({ queue: NOTIFICATION_QUEUE })
    // No SMTP_HOST in the tests: the configured adapter is the log one; the digest counts as sent.
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString()
    const rows = await payload.find({
      collection: 'notifications',
      where: { and: [{ kind: { equals: 'digest' } }, { digestHour: { equals: hour } }] },
      depth: 0,
    })
    expect(rows.docs.map((row) => [row.recipient, row.state])).toEqual([[INSTALLER, 'sent']])
  })
})
