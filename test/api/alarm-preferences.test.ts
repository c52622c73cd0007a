// Issue 13, item 4: the partner's and the owner's alarm preferences honoured by the notification jobs: which
// severities reach them (the partner by e-mail, the owner by push), and quiet hours in the pump's time zone, held
// until they end and then sent once. A real SMTP server; the dispatcher's clock is the test's.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { SendEmailOptions } from 'payload'

import { mailAdapter } from '../../src/services/mail-smtp'
import { dispatchNotifications, queueAlarmEmails } from '../../src/services/notifications'
import type { PushMessage } from '../../src/services/push'
import { settings } from '../../src/settings'
import { rest } from '../support/payload'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

const INSTALLER = 'prefs-installer@partner.test'
let smtp: SmtpSink
let send: (message: SendEmailOptions) => Promise<unknown>
const pushes: PushMessage[] = []
const db = () => (payload.db as unknown as PostgresAdapter).drizzle

beforeAll(async () => {
  smtp = await startSmtpSink()
  const adapter = mailAdapter({ ...settings, smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false })
  const mail = await adapter({ payload })
  send = (message) => mail.sendEmail(message)
  // The dispatcher's clock is set in 2030 (what is queued now is due then). Pump A is in Yekaterinburg (UTC+5); its partner takes critical only, quiet 22:00–07:00; its owner takes critical
  // and major pushes, quiet 23:00–06:00.
  await db().execute(sql`update pumps set timezone = 'Asia/Yekaterinburg' where id = ${world.pumps.ofA.id}`)
  await payload.update({
    collection: 'partners',
    id: world.partnerA.id,
    data: {
      contacts: { email: INSTALLER },
      alarmMail: { severities: ['critical'], language: 'en', quietFrom: '22:00', quietTo: '07:00' },
    },
  })
  await payload.update({
    collection: 'buyers',
    id: world.ownerX.id,
    data: { alarmPush: { severities: ['critical', 'major'], quietFrom: '23:00', quietTo: '06:00' } },
  })
  await payload.create({
    collection: 'devices',
    data: { buyer: world.ownerX.id, token: 'prefs-token', language: 'en' },
  })
})

afterAll(async () => {
  await smtp.close()
})

/** An alarm on pump A as the ingestion records it: the record, then its messages queued in the same way. */
async function raise(code: string, severity: 'critical' | 'major') {
  const alarm = await payload.create({
    collection: 'alarms',
    data: { pump: world.pumps.ofA.id, code, severity, raisedAt: new Date().toISOString() },
  })
  await queueAlarmEmails(db(), [alarm.id], { teamLanguage: 'ru' })
  return alarm
}

const dispatch = (now: string) =>
  dispatchNotifications(payload, send, {
    serverUrl: 'https://registry.test',
    maxAttempts: 3,
    now: new Date(now),
    push: async (message) => void pushes.push(message),
  })

const mailsTo = (code: string) =>
  smtp.received.filter((mail) => mail.to.includes(INSTALLER) && mail.subject.includes(code))
const pushesOf = (id: number) => pushes.filter((message) => message.data.alarmId === String(id))

describe('alarm notification preferences', () => {
  it("a severity the partner did not choose is not e-mailed to it; the owner's choice is pushed", async () => {
    const major = await raise('PM1', 'major')
    await dispatch('2030-01-10T08:00:00Z') // 13:00 in Yekaterinburg: nobody's quiet hours
    expect(mailsTo('PM1')).toHaveLength(0)
    expect(pushesOf(major.id)).toHaveLength(1)
    await payload.update({
      collection: 'buyers',
      id: world.ownerX.id,
      data: { alarmPush: { severities: ['critical'] } },
    })
    const second = await raise('PM2', 'major')
    await dispatch('2030-01-10T08:00:00Z')
    expect(pushesOf(second.id)).toHaveLength(0)
    await payload.update({
      collection: 'buyers',
      id: world.ownerX.id,
      data: { alarmPush: { severities: ['critical', 'major'] } },
    })
  })

  it("quiet hours in the pump's time zone hold the partner's e-mail and the owner's push until they end, then once", async () => {
    const critical = await raise('PC1', 'critical')
    // 23:30 in Yekaterinburg (18:30 UTC): both are quiet.
    await dispatch('2030-01-10T18:30:00Z')
    expect(mailsTo('PC1')).toHaveLength(0)
    expect(pushesOf(critical.id)).toHaveLength(0)
    // 06:30 there: the owner's quiet hours are over, the partner's (till 07:00) not.
    await dispatch('2030-01-11T01:30:00Z')
    expect(pushesOf(critical.id)).toHaveLength(1)
    expect(mailsTo('PC1')).toHaveLength(0)
    // 07:00 there: the e-mail goes, once, however often the job runs.
    await dispatch('2030-01-11T02:00:00Z')
    await dispatch('2030-01-11T02:00:30Z')
    expect(mailsTo('PC1')).toHaveLength(1)
    expect(pushesOf(critical.id)).toHaveLength(1)
    const states = await payload.find({
      collection: 'notifications',
      where: { alarm: { equals: critical.id } },
      depth: 0,
    })
    expect(states.docs.map((doc) => [doc.channel, doc.state, doc.attempts]).sort()).toEqual([
      ['email', 'sent', 1],
      ['push', 'sent', 1],
    ])
  })

  it('refuses a quiet hour that is not HH:MM with a 400 in the caller language', async () => {
    for (const [language, message] of [
      ['en', 'A time HH:MM, e.g. 22:00'],
      ['ru', 'Время ЧЧ:ММ, например 22:00'],
    ] as const) {
      const response = await rest('PATCH', `/partners/${world.partnerA.id}`, {
        token: world.tokens.admin,
        body: { alarmMail: { quietFrom: '25:00' } },
        language,
      })
      expect(response.status).toBe(400)
      expect(JSON.stringify(response.body)).toContain(message)
    }
  })
})
