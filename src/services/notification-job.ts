// The notifications' jobs in Payload's queue: every 15 s (server and worker) what is due is sent, Payload retrying
// the job itself when it throws (each message's own retries are in its log row); every 5 min the hourly digest.
import type { Payload, SendEmailOptions, TaskConfig } from 'payload'

import { sendAlarmDigests, type DigestOptions } from './alarm-digest'
import { dispatchNotifications, type DispatchOutcome, type Escalation } from './notifications'
import { configuredPushSender } from './push'

export const NOTIFICATION_QUEUE = 'notifications'
export const NOTIFICATION_TASK = 'dispatchAlarmNotifications' as const
/** Messages claimed at a time; a run goes on claiming until fewer are due or its time is spent. */
const DRAIN_BATCH = 50
/** A run's time: under the 15 s between runs, so two runs of one instance do not overlap. */
export const DRAIN_BUDGET_MS = 12_000

type DrainOptions = Omit<Parameters<typeof dispatchNotifications>[2], 'limit' | 'now'>

/**
 * Sends what is due a batch at a time until a batch comes back short or `budgetMs` is spent: an alarm storm's
 * thousands of messages leave at the mail server's pace, not 50 a run (the next run goes on where this one stopped).
 */
export async function drainNotifications(
  payload: Payload,
  send: (message: SendEmailOptions) => Promise<unknown>,
  options: DrainOptions,
  budgetMs = DRAIN_BUDGET_MS,
): Promise<DispatchOutcome> {
  const started = Date.now()
  const total: DispatchOutcome = { sent: 0, retried: 0, failed: 0 }
  for (;;) {
    const outcome = await dispatchNotifications(payload, send, { ...options, limit: DRAIN_BATCH })
    total.sent += outcome.sent
    total.retried += outcome.retried
    total.failed += outcome.failed
    const handled = outcome.sent + outcome.retried + outcome.failed
    if (handled < DRAIN_BATCH || Date.now() - started >= budgetMs) return total
  }
}

export function notificationTask(options: {
  serverUrl: () => string
  maxAttempts: number
  escalation: () => Escalation
}): TaskConfig<typeof NOTIFICATION_TASK> {
  return {
    slug: NOTIFICATION_TASK,
    label: 'Send alarm notifications',
    retries: { attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
    schedule: [{ cron: '*/15 * * * * *', queue: NOTIFICATION_QUEUE }],
    outputSchema: [
      { name: 'sent', type: 'number' },
      { name: 'retried', type: 'number' },
      { name: 'failed', type: 'number' },
    ],
    handler: async ({ req }) => {
      const output = await drainNotifications(req.payload, (message) => req.payload.sendEmail(message), {
        serverUrl: options.serverUrl(),
        maxAttempts: options.maxAttempts,
        escalation: options.escalation(),
        push: configuredPushSender(req.payload),
      })
      return { output }
    },
  }
}

export const DIGEST_TASK = 'sendAlarmDigests' as const

/** The hourly digest: every 5 minutes (30 s past), so it leaves early in the hour; the log's key sends it once. */
export function digestTask(options: {
  serverUrl: () => string
  team: () => DigestOptions['team']
}): TaskConfig<typeof DIGEST_TASK> {
  return {
    slug: DIGEST_TASK,
    label: 'Send hourly alarm digests',
    retries: { attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
    schedule: [{ cron: '30 */5 * * * *', queue: NOTIFICATION_QUEUE }],
    outputSchema: [{ name: 'sent', type: 'number' }],
    handler: async ({ req }) => {
      const sent = await sendAlarmDigests(req.payload, (message) => req.payload.sendEmail(message), {
        serverUrl: options.serverUrl(),
        team: options.team(),
      })
      return { output: { sent } }
    },
  }
}
