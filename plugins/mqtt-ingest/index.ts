// Modem data over MQTT: presence, last data, alarms and auto-commissioning, kept current in the pump cards.
// A Payload plugin: it adds its fields, the modem history collection and the broker auth endpoints, and starts the
// ingestion in onInit when asked to. Everything it needs from its host comes in through these options.
import type { Config, Field, Payload } from 'payload'

import { brokerEndpoints } from './auth-endpoints'
import { startEmbeddedBroker } from './broker'
import {
  connectivityFields,
  deleteModemHistory,
  ingestionFields,
  modemEventsCollection,
  type IngestAccess,
} from './collections'
import { ingestPassword, INGEST_USERNAME } from './credentials'
import type { BrokerHost, IngestHost } from './host'
import { type IngestOptions } from './ingest-options'
import { Ingester } from './ingester'

export type { AlarmChange, IngestHost, SqlExecutor } from './host'
export type { IngestAccess } from './collections'

/** Where and how the ingestion connects; read when it starts. */
export type IngestConnection = {
  /** An external broker (MQTT_URL); unset: the embedded broker on `embeddedPort`. */
  url?: string
  username?: string
  password?: string
  /** MQTT 5 shared subscription group on an external broker; empty or null subscribes plainly. */
  shareGroup?: string | null
  embeddedPort: number
  /** A pump with nothing heard for this long is marked offline. */
  offlineAfterSeconds: number
  /** When set, `/api/mqtt/auth` and `/acl` answer only a caller that sends it. */
  authSecret?: string
}

/** What the host gets once the ingestion runs: its health for `/healthz`, and its stop for the shutdown. */
export type IngestionHandle = { health: () => object; stop: () => Promise<void>; brokerUrl: string }

export type MqttIngestOptions = {
  /** Checked in onInit: whether this process starts the ingestion (the server and the worker; not builds or CLIs). */
  ingestInThisProcess: () => boolean
  /** The pumps collection the plugin adds its fields to. */
  pumpsSlug?: string
  /** The connectivity fields go after this field of the pumps collection (default: at the end). */
  connectivityAfter?: string
  /** Lets the host give a connectivity field its admin components (cells, live fields, date display). */
  dressConnectivityField?: (field: Field) => Field
  connection: () => IngestConnection
  host: IngestHost
  access: IngestAccess
  onStarted: (handle: IngestionHandle, payload: Payload) => void
}

function brokerHostOf(options: MqttIngestOptions): BrokerHost {
  return { ...options.host, ingestPassword: options.connection().password }
}

/** Connects to the external broker, or starts the embedded one when none is set, and starts ingesting. */
async function startIngestion(payload: Payload, options: MqttIngestOptions): Promise<void> {
  const connection = options.connection()
  const common = { offlineAfterMs: connection.offlineAfterSeconds * 1000, host: options.host }
  let ingestOptions: IngestOptions
  let closeBroker = async () => {}
  if (connection.url) {
    const { url, username, password } = connection
    ingestOptions = { ...common, url, username, password, shareGroup: connection.shareGroup || null }
  } else {
    const broker = await startEmbeddedBroker(payload, connection.embeddedPort, brokerHostOf(options))
    closeBroker = broker.close
    const password = ingestPassword(payload.secret, connection.password)
    // aedes speaks MQTT 3.1.1: no shared subscriptions, and one broker means one ingesting instance anyway.
    ingestOptions = {
      ...common,
      url: `mqtt://127.0.0.1:${broker.port}`,
      username: INGEST_USERNAME,
      password,
      shareGroup: null,
    }
  }
  const ingester = new Ingester(payload, ingestOptions)
  await ingester.start()
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await ingester.stop()
    await closeBroker()
  }
  options.onStarted({ health: () => ingester.health(), stop, brokerUrl: ingestOptions.url }, payload)
}

/** The pumps collection's fields with the plugin's own: connectivity at its place, bookkeeping at the end. */
function withIngestionFields(fields: Field[], options: MqttIngestOptions): Field[] {
  const dressed = connectivityFields.map(options.dressConnectivityField ?? ((field) => field))
  const at = fields.findIndex((field) => 'name' in field && field.name === options.connectivityAfter)
  const placed = at < 0 ? [...fields, ...dressed] : [...fields.slice(0, at + 1), ...dressed, ...fields.slice(at + 1)]
  return [...placed, ...ingestionFields(options.access)]
}

export const mqttIngest =
  (options: MqttIngestOptions) =>
  (config: Config): Config => {
    const slug = options.pumpsSlug ?? 'pumps'
    if (!(config.collections ?? []).some((collection) => collection.slug === slug)) {
      throw new Error(`mqttIngest: the config has no collection "${slug}" to add the pump connectivity fields to`)
    }
    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((collection) =>
          collection.slug === slug
            ? {
                ...collection,
                fields: withIngestionFields(collection.fields, options),
                hooks: {
                  ...collection.hooks,
                  beforeDelete: [...(collection.hooks?.beforeDelete ?? []), deleteModemHistory],
                },
              }
            : collection,
        ),
        modemEventsCollection(options.access, slug),
      ],
      endpoints: [
        ...(config.endpoints ?? []),
        ...brokerEndpoints({ secret: () => options.connection().authSecret, host: () => brokerHostOf(options) }),
      ],
      onInit: async (payload) => {
        await config.onInit?.(payload)
        if (options.ingestInThisProcess()) await startIngestion(payload, options)
      },
    }
  }
