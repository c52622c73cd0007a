// The notifications' job in Payload's queue: every 15 s (server and worker) it sends what is due. Payload retries
// the job itself when it throws (the database away); each message's own retries and back-off are in its log row.
import type { TaskConfig } from 'payload'

import { dispatchNotifications, type Escalation } from './notifications'
import { configuredPushSender } from './push'

export const NOTIFICATION_QUEUE = 'notifications'
export const NOTIFICATION_TASK = 'dispatchAlarmNotifications' as const

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
      const output = await dispatchNotifications(req.payload, (message) => req.payload.sendEmail(message), {
        serverUrl: options.serverUrl(),
        maxAttempts: options.maxAttempts,
        escalation: options.escalation(),
        push: configuredPushSender(req.payload),
      })
      return { output }
    },
  }
}
