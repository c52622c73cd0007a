// How one-time codes reach owners' phones. `log` writes the message to the server log (development); `webhook`
// POSTs it as JSON to an SMS gateway: {"phone": "+79123456789", "text": "..."}, with `Authorization: Bearer
// <SMS_WEBHOOK_TOKEN>` when a token is set. Chosen by SMS_SENDER at the moment of sending.
import type { Payload } from 'payload'

import { settings } from '../settings'

export interface SmsSender {
  send(phone: string, text: string): Promise<void>
}

export function logSmsSender(payload: Payload): SmsSender {
  return {
    async send(phone, text) {
      payload.logger.info(`[sms] to ${phone}: ${text}`)
    },
  }
}

export function webhookSmsSender(url: string, token?: string): SmsSender {
  return {
    async send(phone, text) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ phone, text }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`the SMS gateway answered ${response.status}`)
    },
  }
}

export function configuredSmsSender(payload: Payload): SmsSender {
  if (settings.smsSender === 'webhook') {
    if (!settings.smsWebhookUrl) throw new Error('SMS_SENDER=webhook needs SMS_WEBHOOK_URL')
    return webhookSmsSender(settings.smsWebhookUrl, settings.smsWebhookToken)
  }
  return logSmsSender(payload)
}
