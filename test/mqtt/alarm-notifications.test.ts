// Issue 13, item 4 (e-mail): an alarm raised over MQTT queues its e-mails with the alarm record, and the dispatcher
// sends them through Payload's SMTP adapter to a real SMTP server: one to the responsible partner in its language,
// one to the service team (ALARM_EMAIL_TO) in theirs; never twice; a refusing or absent server is retried with
// back-off (the clock is the test's) and the message then marked failed, nothing lost.
import http from 'node:http'

import { sql } from '@payloadcms/db-postgres'

import { backoffSeconds } from '../../src/domain/notifications'
import { mailAdapter } from '../../src/services/mail-smtp'
import { NOTIFICATION_QUEUE, NOTIFICATION_TASK } from '../../src/services/notification-job'
import { dispatchNotifications } from '../../src/services/notifications'
import { webhookPushSender } from '../../src/services/push'
import { settings } from '../../src/settings'
import { modelWithCatalog, pumpOfModel, useMailSink } from './alarm-fixtures'
import { card, connect, eventually, payload, publish, useIngestion, type Modem } from './ingest-suite'
import { execute } from './modems'

useIngestion()

const TEAM = 'service-team@test.local'
const mail = useMailSink(TEAM)
let modelId: number
let partnerId: number

beforeAll(async () => {
  settings.alarmEmailLanguage = 'ru'
  modelId = await modelWithCatalog('Notify model', [
    {
      code: 'E12',
      severity: 'critical',
      textRu: 'Низкий расход',
      textEn: 'Low flow',
      actionRu: 'Проверьте фильтр',
      actionEn: 'Check the filter',
      manualPage: 44,
    },
    { code: 'W3', severity: 'minor', textRu: 'Фильтр', textEn: 'Filter' },
  ])
  const partner = await payload.create({
    collection: 'partners',
    data: { name: 'Notify Partner', contacts: { email: 'installer@partner.test' }, alarmMail: { language: 'en' } },
  })
  partnerId = partner.id
})

const partnerPump = () => pumpOfModel(modelId, partnerId)

async function notificationsOf(pumpId: number) {
  return (
    await payload.find({
      collection: 'notifications',
      where: { 'alarm.pump': { equals: pumpId } },
      sort: 'recipient',
      depth: 0,
    })
  ).docs
}

async function raise(modem: Modem, active: object[], ts = Date.now()) {
  const client = await connect(modem)
  await publish(client, `hp/${modem.serial}/alarms`, { ts, active })
  const codes = active.map((alarm) => (alarm as { code: string }).code)
  await eventually(async () =>
    expect(((await card(modem.id)).activeAlarms as { code: string }[]).map((alarm) => alarm.code)).toEqual(codes),
  )
  return client
}

const dispatch = (now?: Date) =>
  dispatchNotifications(payload, mail.send, { serverUrl: 'https://registry.test', maxAttempts: 3, now })

describe('alarm e-mails', () => {
  it('a critical alarm e-mails the partner in English and the team in Russian, once', async () => {
    const modem = await partnerPump()
    mail.smtp.received.length = 0
    const client = await raise(modem, [{ code: 'E12', text: 'LOW FLOW' }])
    const queued = await notificationsOf(modem.id)
    expect(queued.map((row) => [row.recipient, row.language, row.state])).toEqual([
      ['installer@partner.test', 'en', 'queued'],
      [TEAM, 'ru', 'queued'],
    ])
    expect(await dispatch()).toEqual({ sent: 2, retried: 0, failed: 0 })
    await eventually(async () => expect(mail.smtp.received).toHaveLength(2))
    const toPartner = mail.smtp.received.find((mail) => mail.to.includes('installer@partner.test'))!
    expect(toPartner.subject).toBe(`Critical: E12 — Low flow (${modem.serial})`)
    expect(toPartner.text).toContain('What to do: Check the filter')
    expect(toPartner.text).toContain('Manual, page 44')
    expect(toPartner.text).toContain(`Pump card: https://registry.test/admin/collections/pumps/${modem.id}`)
    const toTeam = mail.smtp.received.find((mail) => mail.to.includes(TEAM))!
    expect(toTeam.subject).toBe(`Критическая: E12 — Низкий расход (${modem.serial})`)
    expect(toTeam.text).toContain('Что делать: Проверьте фильтр')
    expect((await notificationsOf(modem.id)).map((row) => [row.state, row.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ])

    // Nothing twice: another run, the same set again, and a flap within the window send nothing more.
    expect(await dispatch()).toEqual({ sent: 0, retried: 0, failed: 0 })
    const now = Date.now()
    await publish(client, `hp/${modem.serial}/alarms`, { ts: now + 1000, active: [] })
    await eventually(async () => expect((await card(modem.id)).activeAlarms).toEqual([]))
    await publish(client, `hp/${modem.serial}/alarms`, { ts: now + 2000, active: [{ code: 'E12' }] })
    await eventually(async () => expect((await card(modem.id)).activeAlarms).toHaveLength(1))
    expect(await notificationsOf(modem.id)).toHaveLength(2)
    expect(await dispatch()).toEqual({ sent: 0, retried: 0, failed: 0 })
    expect(mail.smtp.received).toHaveLength(2)
  })

  it('a minor alarm e-mails nobody (the partner chose critical and major; the team gets those)', async () => {
    const modem = await partnerPump()
    await raise(modem, [{ code: 'W3' }])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await notificationsOf(modem.id)).toEqual([])
  })

  it('a refusing server is retried with back-off until it takes the message; one that stays away fails it', async () => {
    const modem = await partnerPump()
    mail.smtp.received.length = 0
    await raise(modem, [{ code: 'E12' }])
    await eventually(async () => expect(await notificationsOf(modem.id)).toHaveLength(2))
    mail.smtp.refuseNext(2)
    const start = new Date()
    expect(await dispatch(start)).toEqual({ sent: 0, retried: 2, failed: 0 })
    const waiting = await notificationsOf(modem.id)
    expect(waiting.map((row) => [row.state, row.attempts])).toEqual([
      ['queued', 1],
      ['queued', 1],
    ])
    expect(waiting[0].lastError).toMatch(/Mailbox unavailable/)
    // Not due yet: nothing is tried before the back-off.
    expect(await dispatch(new Date(start.getTime() + 1000))).toEqual({ sent: 0, retried: 0, failed: 0 })
    const later = new Date(start.getTime() + backoffSeconds(1) * 1000 + 1000)
    expect(await dispatch(later)).toEqual({ sent: 2, retried: 0, failed: 0 })
    await eventually(async () => expect(mail.smtp.received).toHaveLength(2))
    expect((await notificationsOf(modem.id)).map((row) => [row.state, row.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ])

    // A server that is down: three attempts, then failed, with the reason kept.
    const down = await partnerPump()
    await raise(down, [{ code: 'E12' }])
    await eventually(async () => expect(await notificationsOf(down.id)).toHaveLength(2))
    const closedPort = mailAdapter({ ...settings, smtpHost: '127.0.0.1', smtpPort: 1, smtpSecure: false })
    const dead = await closedPort({ payload })
    let clock = Date.now()
    const outcomes = []
    for (let attempt = 1; attempt <= 3; attempt++) {
      outcomes.push(
        await dispatchNotifications(payload, (message) => dead.sendEmail(message), {
          serverUrl: 'https://registry.test',
          maxAttempts: 3,
          now: new Date(clock),
        }),
      )
      clock += backoffSeconds(attempt) * 1000 + 1000
    }
    expect(outcomes).toEqual([
      { sent: 0, retried: 2, failed: 0 },
      { sent: 0, retried: 2, failed: 0 },
      { sent: 0, retried: 0, failed: 2 },
    ])
    const failed = await notificationsOf(down.id)
    expect(failed.map((row) => [row.state, row.attempts])).toEqual([
      ['failed', 3],
      ['failed', 3],
    ])
    expect(failed[0].lastError).toMatch(/ECONNREFUSED/)
  })

  it("runs as Payload's job (queued, run, the message sent through the configured adapter)", async () => {
    const modem = await partnerPump()
    await raise(modem, [{ code: 'E12' }])
    await eventually(async () => expect(await notificationsOf(modem.id)).toHaveLength(2))
    await payload.jobs.queue({ task: NOTIFICATION_TASK, input: {}, queue: NOTIFICATION_QUEUE })
    await payload.jobs.run({ queue: NOTIFICATION_QUEUE })
    // No SMTP_HOST in the tests: the configured adapter is the log one; the messages count as sent.
    expect((await notificationsOf(modem.id)).map((row) => row.state)).toEqual(['sent', 'sent'])
  })
})

describe('escalation', () => {
  it('a critical alarm nobody acknowledged in time e-mails the service lead once; an acknowledged one does not', async () => {
    const LEAD = 'lead@test.local'
    const escalation = { afterMinutes: 60, to: LEAD, language: 'en' as const }
    const late = await partnerPump()
    const handled = await partnerPump()
    const raisedAt = Date.now()
    await raise(late, [{ code: 'E12' }], raisedAt)
    await raise(handled, [{ code: 'E12' }], raisedAt)
    await eventually(async () => expect(await notificationsOf(handled.id)).toHaveLength(2))
    // Everything else open here (the handled pump's, the earlier tests') is acknowledged: only `late` is overdue.
    await payload.update({
      collection: 'alarms',
      where: { pump: { not_equals: late.id } },
      data: { acknowledgedAt: new Date().toISOString() },
    })
    const at = (minutes: number) => new Date(raisedAt + minutes * 60_000)
    const run = (minutes: number) =>
      dispatchNotifications(payload, mail.send, {
        serverUrl: 'https://registry.test',
        maxAttempts: 3,
        now: at(minutes),
        escalation,
      })
    mail.smtp.received.length = 0
    await run(30)
    const toLead = () => mail.smtp.received.filter((mail) => mail.to.includes(LEAD))
    expect(toLead()).toHaveLength(0)
    await run(61)
    await eventually(async () => expect(toLead()).toHaveLength(1))
    expect(toLead()[0].subject).toBe(`Not acknowledged for 60 min. Critical: E12 — Low flow (${late.serial})`)
    await run(120)
    await run(240)
    expect(toLead()).toHaveLength(1)
    const lateRows = await notificationsOf(late.id)
    expect(lateRows.filter((row) => row.kind === 'escalated').map((row) => [row.recipient, row.state])).toEqual([
      [LEAD, 'sent'],
    ])
    expect((await notificationsOf(handled.id)).filter((row) => row.kind === 'escalated')).toEqual([])
  })
})

describe('push to the owner', () => {
  it("a critical alarm on an owner's pump pushes once to each of the owner's devices, in the app's language", async () => {
    const pushes: Record<string, unknown>[] = []
    const receiver = http.createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => {
        pushes.push({ ...JSON.parse(body), authorization: request.headers.authorization })
        response.writeHead(200).end('{}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const port = (receiver.address() as { port: number }).port
    try {
      const owner = await payload.create({
        collection: 'buyers',
        data: { phone: `+7916${String(Date.now() % 1e7).padStart(7, '0')}`, username: '', password: 'owner-pass-1' },
      })
      await payload.create({
        collection: 'devices',
        data: { buyer: owner.id, token: 'device-token-en-1', language: 'en' },
      })
      const modem = await partnerPump()
      await execute(payload, sql`update pumps set owner_id = ${owner.id} where id = ${modem.id}`)
      await raise(modem, [{ code: 'E12' }])
      await eventually(async () => expect(await notificationsOf(modem.id)).toHaveLength(3))
      const push = webhookPushSender(`http://127.0.0.1:${port}/push`, 'gateway-secret')
      const options = { serverUrl: 'https://registry.test', maxAttempts: 3, push }
      await dispatchNotifications(payload, mail.send, options)
      await dispatchNotifications(payload, mail.send, options)
      expect(pushes).toEqual([
        {
          token: 'device-token-en-1',
          title: `Critical: E12 — Low flow (${modem.serial})`,
          body: 'Alarm: E12 — Low flow (Critical)\nWhat to do: Check the filter',
          data: { alarmId: expect.any(String) },
          authorization: 'Bearer gateway-secret',
        },
      ])
      const row = (await notificationsOf(modem.id)).find((entry) => entry.channel === 'push')
      expect(row).toMatchObject({ recipient: 'device-token-en-1', language: 'en', state: 'sent', attempts: 1 })
    } finally {
      await new Promise((resolve) => receiver.close(resolve))
    }
  })
})
