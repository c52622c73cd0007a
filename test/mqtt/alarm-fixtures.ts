// What the alarm tests share: a model with an alarm catalog, a pump of that model (and partner), the pump's records,
// and a real SMTP server with Payload's SMTP adapter aimed at it, the service team's address set.
import { sql } from '@payloadcms/db-postgres'
import type { SendEmailOptions } from 'payload'

import { mailAdapter } from '../../src/services/mail-smtp'
import { settings } from '../../src/settings'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink'
import { payload, pump, type Modem } from './ingest-suite'
import { execute } from './modems'

type CatalogEntry = {
  code: string
  severity: 'critical' | 'major' | 'minor' | 'warning'
  textRu: string
  textEn: string
  actionRu?: string
  actionEn?: string
  manualPage?: number
}

/** A model whose catalog is `catalog`; answers its id. */
export async function modelWithCatalog(name: string, catalog: CatalogEntry[]): Promise<number> {
  const model = await payload.create({
    collection: 'models',
    data: { name, code: `${name.replace(/\W/g, '').slice(0, 6).toUpperCase()}-${Date.now()}`, alarmCatalog: catalog },
  })
  return model.id
}

/** A pump of the model (and of the partner, when one is given). */
export async function pumpOfModel(modelId: number, partnerId: number | null = null): Promise<Modem> {
  const modem = await pump()
  await execute(
    payload,
    sql`update pumps set model_id = ${modelId}, responsible_partner_id = coalesce(${partnerId}::integer, responsible_partner_id)
      where id = ${modem.id}`,
  )
  return modem
}

export type MailSink = { smtp: SmtpSink; send: (message: SendEmailOptions) => Promise<unknown> }

/**
 * For the file's tests: a real SMTP server, and the adapter payload.config.ts builds when SMTP_HOST is set, aimed at
 * it; ALARM_EMAIL_TO is `team`. Filled in before the tests (call after useIngestion); closed and reset after them.
 */
export function useMailSink(team: string): MailSink {
  const sink = {} as MailSink
  beforeAll(async () => {
    sink.smtp = await startSmtpSink()
    const adapter = mailAdapter({ ...settings, smtpHost: '127.0.0.1', smtpPort: sink.smtp.port, smtpSecure: false })
    const mail = await adapter({ payload })
    sink.send = (message) => mail.sendEmail(message)
    settings.alarmEmailTo = team
  })
  afterAll(async () => {
    settings.alarmEmailTo = undefined
    await sink.smtp?.close()
  })
  return sink
}

/** The pump's alarm records, oldest raise first. */
export async function alarmRecords(pumpId: number) {
  const found = await payload.find({
    collection: 'alarms',
    where: { pump: { equals: pumpId } },
    sort: 'raisedAt',
    depth: 0,
    limit: 100,
  })
  return found.docs
}
