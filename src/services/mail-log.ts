// Until a mail server is configured, e-mail (password resets) goes to the server log: said once at start, instead
// of Payload's "No email adapter provided" warning on every start.
import type { EmailAdapter } from 'payload'

export const logMailAdapter: EmailAdapter = ({ payload }) => {
  payload.logger.info('[mail] no mail server configured: e-mails (password resets) are written to this log')
  return {
    name: 'log',
    defaultFromAddress: 'registry@localhost',
    defaultFromName: 'Heat pump registry',
    sendEmail: async (message) => {
      const to = Array.isArray(message.to) ? message.to.join(', ') : String(message.to ?? '')
      payload.logger.info(`[mail] to ${to}: ${message.subject ?? ''}\n${message.text ?? message.html ?? ''}`)
    },
  }
}
