// How push messages reach the owners' app: `log` writes them to the server log (development); `webhook` POSTs
// {token, title, body, data} to the app backend's push gateway (PUSH_WEBHOOK_URL, `Authorization: Bearer
// <PUSH_WEBHOOK_TOKEN>` when set). Chosen by PUSH_SENDER, like the SMS sender.
import type { Payload } from 'payload'

import { settings } from '../settings'

export type PushMessage = { token: string; title: string; body: string; data: Record<string, string> }
export type PushSend = (message: PushMessage) => Promise<void>

export function webhookPushSender(url: string, token?: string): PushSend {
  return async (message) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    })
    if (!response.ok) throw new Error(`the push gateway answered ${response.status}`)
  }
}

export function configuredPushSender(payload: Payload): PushSend {
  if (settings.pushSender === 'webhook') {
    if (!settings.pushWebhookUrl) throw new Error('PUSH_SENDER=webhook needs PUSH_WEBHOOK_URL')
    return webhookPushSender(settings.pushWebhookUrl, settings.pushWebhookToken)
  }
  return async (message) => payload.logger.info(`[push] to ${message.token.slice(0, 12)}…: ${message.title}`)
}
