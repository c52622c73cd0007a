// Payload's e-mail through an SMTP server (nodemailer), or to the log when none is configured: every mail the
// product sends (alarm notifications, Payload's password resets) goes through the one adapter chosen here.
// (@payloadcms/email-nodemailer 3.90.1 pins payload 3.90.1 as its peer, and we run 3.90.2: this is its ~20 lines.)
import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

import { logMailAdapter } from './mail-log'
import { SEND_CONCURRENCY } from './notifications'

export type SmtpOptions = {
  host: string
  port: number
  user?: string
  password?: string
  secure?: boolean
  from: string
  fromName?: string
}

export function smtpMailAdapter(options: SmtpOptions): EmailAdapter {
  return ({ payload }) => {
    const transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure ?? false,
      // Connections kept open for the many mails of an alarm storm, not a TCP and SMTP handshake per mail; as many
      // as the notifications job sends at once (SEND_CONCURRENCY).
      pool: true,
      maxConnections: SEND_CONCURRENCY,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
    })
    payload.logger.info(`[mail] sending through SMTP ${options.host}:${options.port}`)
    const fromName = options.fromName ?? 'Heat pump registry'
    return {
      name: 'smtp',
      defaultFromAddress: options.from,
      defaultFromName: fromName,
      sendEmail: async (message) => transport.sendMail({ from: `"${fromName}" <${options.from}>`, ...message }),
    }
  }
}

/** SMTP when a host is given, else the log. */
export function mailAdapter(settings: {
  smtpHost?: string
  smtpPort: number
  smtpUser?: string
  smtpPassword?: string
  smtpSecure: boolean
  mailFrom: string
}): EmailAdapter {
  if (!settings.smtpHost) return logMailAdapter
  return smtpMailAdapter({
    host: settings.smtpHost,
    port: settings.smtpPort,
    user: settings.smtpUser,
    password: settings.smtpPassword,
    secure: settings.smtpSecure,
    from: settings.mailFrom,
  })
}
