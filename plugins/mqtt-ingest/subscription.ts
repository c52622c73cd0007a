// The ingestion's MQTT client: connects, subscribes to the modem topics on every (re)connection, hands on messages.
import mqtt, { type MqttClient } from 'mqtt'

import { TOPIC_ROOT } from './modem'

export type SubscriptionOptions = {
  url: string
  username?: string
  password?: string
  /** MQTT 5 shared subscription group (`$share/<group>/hp/#`); null subscribes plainly (aedes speaks 3.1.1 only). */
  shareGroup: string | null
  clientId: string
}

type Handlers = {
  message: (topic: string, payload: Uint8Array) => void
  /** A throttled warning: `kind` groups repeats of the same trouble. */
  warn: (kind: string, message: string) => void
}

/** The topic filter the ingestion subscribes to. */
export function subscriptionTopic(shareGroup: string | null): string {
  return shareGroup ? `$share/${shareGroup}/${TOPIC_ROOT}/#` : `${TOPIC_ROOT}/#`
}

export class Subscription {
  private readonly client: MqttClient
  private subscribed = false

  constructor(
    private readonly options: SubscriptionOptions,
    handlers: Handlers,
  ) {
    const { url, username, password, shareGroup, clientId } = options
    const topic = subscriptionTopic(shareGroup)
    this.client = mqtt.connect(url, {
      clientId,
      username,
      password,
      protocolVersion: shareGroup ? 5 : 4,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      // Subscribed below on every connection instead (and marked ready only once the broker grants it).
      resubscribe: false,
    })
    this.client.on('message', (messageTopic, payload) => handlers.message(messageTopic, payload))
    this.client.on('error', (error) => handlers.warn('broker', `[mqtt] broker error: ${error.message}`))
    this.client.on('offline', () => handlers.warn('broker', '[mqtt] broker unreachable; reconnecting'))
    this.client.on('close', () => (this.subscribed = false))
    // Subscribed on every (re)connection: a clean session forgets subscriptions, and retained status and alarms
    // arrive again, so the cards converge to what each modem last reported.
    this.client.on('connect', () => {
      this.client.subscribe(topic, { qos: 1 }, (error, granted) => {
        // A broker that refuses the subscription grants 128 (3.1.1) or a reason code ≥ 0x80 (5).
        const refused = granted?.some((grant) => grant.qos >= 0x80)
        if (error || refused)
          handlers.warn('subscribe', `[mqtt] subscribing to ${topic} failed: ${error?.message ?? 'refused'}`)
        else this.subscribed = true
      })
    })
  }

  /** Connected and subscribed. */
  get live(): boolean {
    return this.client.connected && this.subscribed
  }

  get connected(): boolean {
    return this.client.connected
  }

  /** Waits until subscribed (for tests and the worker's log line). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const started = Date.now()
    while (!this.live) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`no connection to the MQTT broker ${this.options.url} within ${timeoutMs} ms`)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  end(): Promise<void> {
    return new Promise<void>((resolve) => this.client.end(false, {}, () => resolve()))
  }
}
