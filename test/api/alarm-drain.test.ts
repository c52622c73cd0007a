// Issue 13, the storm: one run of the notifications job sends everything due, a batch after another, not one batch
// of 50 (it did: 50 e-mails per 15 s run, hours for a storm), and each message once. A real SMTP server.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { SendEmailOptions } from 'payload'

import { mailAdapter } from '../../src/services/mail-smtp'
import { drainNotifications } from '../../src/services/notification-job'
import { queueAlarmEmails } from '../../src/services/notifications'
import { settings } from '../../src/settings'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

const TEAM = 'drain-team@test.local'
let smtp: SmtpSink
let send: (message: SendEmailOptions) => Promise<unknown>

beforeAll(async () => {
  smtp = await startSmtpSink()
  const adapter = mailAdapter({ ...settings, smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false })
  const mail = await adapter({ payload })
  send = (message) => mail.sendEmail(message)
})

afterAll(async () => {
  await smtp.close()
})

describe('the notifications job under a storm', () => {
  it('one run sends all 130 due e-mails, each once; the next run finds nothing', async () => {
    const ids: number[] = []
    for (let i = 1; i <= 130; i++) {
      const alarm = await payload.create({
        collection: 'alarms',
        data: { pump: world.pumps.ofB.id, code: `D${i}`, severity: 'major', raisedAt: new Date().toISOString() },
      })
      ids.push(alarm.id)
    }
    const db = (payload.db as unknown as PostgresAdapter).drizzle
    await queueAlarmEmails(db, ids, { teamEmail: TEAM, teamLanguage: 'en' })
    const options = { serverUrl: 'https://registry.test', maxAttempts: 3 }
    // A budget of its own: a slow CI machine must not stop the run at 12 s and fail the test for it.
    expect(await drainNotifications(payload, send, options, 120_000)).toEqual({ sent: 130, retried: 0, failed: 0 })
    const subjects = smtp.received.filter((mail) => mail.to.includes(TEAM)).map((mail) => mail.subject)
    expect(subjects).toHaveLength(130)
    expect(new Set(subjects).size).toBe(130)
    expect(await drainNotifications(payload, send, options)).toEqual({ sent: 0, retried: 0, failed: 0 })
  })
})
