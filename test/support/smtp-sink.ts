// A real SMTP server for the tests (smtp-server): it takes mail on a free port, parses each message (mailparser),
// and can be told to refuse the next messages, as a mail server that is full or rejecting would.
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

import { freePort } from '../../src/runtime/ports'

export type Received = { to: string[]; subject: string; text: string }

export type SmtpSink = {
  port: number
  received: Received[]
  /** Refuse this many messages (550) before taking them again. */
  refuseNext: (count: number) => void
  close: () => Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: Received[] = []
  let refusing = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusing > 0) {
        refusing--
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number }
        error.responseCode = 550
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          })
          callback()
        })
        .catch(callback)
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port,
    received,
    refuseNext: (count) => (refusing = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
