// Modem data over MQTT: presence, last data, alarms and auto-commissioning, kept current in the pump cards.
// A Payload plugin: it adds its fields, the modem history collection and the broker auth endpoints, and starts the
// ingestion in onInit when enabled (the server and `npm run worker`; never `next build`, CLI commands or tests).
import type { Config, Endpoint, Payload } from 'payload'

import { isStaff } from '../../access'
import { inUserLanguage } from '../../src/i18n'
import { registerHealthCheck } from '../../src/runtime/health'
import { generateDeviceKey } from '../../src/services/device-keys'
import { jsonBody } from '../../src/endpoints/body'
import { requireOwnPassword } from '../../src/services/passwords'
import { onClose } from '../../src/runtime/close'
import { settings } from '../../src/settings'
import { startEmbeddedBroker } from './broker'
import { deleteModemHistory, ingestionFields, ModemEvents } from './collections'
import { brokerEndpoints } from './auth-endpoints'
import { ingestPassword, INGEST_USERNAME } from './credentials'
import { Ingester, type IngestOptions } from './ingester'

export type MqttIngestOptions = {
  /** Checked at init: whether this process ingests. */
  enabled: () => boolean
  /** MQTT_AUTH_SECRET: when set, `/api/mqtt/auth` and `/acl` answer only a caller that sends it. */
  authSecret?: () => string | undefined
}

export type RunningIngestion = { ingester: Ingester; brokerUrl: string; stop: () => Promise<void> }

/**
 * Connects to MQTT_URL, or starts the embedded broker when it is unset, and starts ingesting. Returns what a
 * caller (the worker, tests) may want to watch; it also stops with the Payload instance.
 */
export async function startIngestion(payload: Payload, overrides: Partial<IngestOptions> = {}): Promise<RunningIngestion> {
  let options: IngestOptions
  let closeBroker = async () => {}
  if (overrides.url ?? settings.mqttUrl) {
    options = {
      url: (overrides.url ?? settings.mqttUrl)!,
      username: settings.mqttUsername,
      password: settings.mqttPassword,
      shareGroup: settings.mqttShareGroup || null,
      offlineAfterMs: settings.offlineAfterSeconds * 1000,
      ...overrides,
    }
  } else {
    const broker = await startEmbeddedBroker(payload, settings.embeddedMqttPort)
    closeBroker = broker.close
    options = {
      url: `mqtt://127.0.0.1:${broker.port}`,
      username: INGEST_USERNAME,
      password: ingestPassword(payload.secret),
      // aedes speaks MQTT 3.1.1: no shared subscriptions, and one broker means one ingesting instance anyway.
      shareGroup: null,
      offlineAfterMs: settings.offlineAfterSeconds * 1000,
      ...overrides,
    }
  }
  const ingester = new Ingester(payload, options)
  await ingester.start()
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await ingester.stop()
    await closeBroker()
  }
  registerHealthCheck('mqtt', () => ingester.health())
  onClose(payload, stop)
  return { ingester, brokerUrl: options.url, stop }
}

/**
 * POST /api/pumps/:id/device-key {"password"}: staff issue a new device key (the old one stops working), confirmed
 * with their own password; the key is in this answer only. For pumps produced before keys existed, or a lost key.
 */
const deviceKeyEndpoint: Endpoint = {
  path: '/:id/device-key',
  method: 'post',
  handler: async (req) => {
    const refuse = (status: number, message: { en: string; ru: string }) =>
      Response.json({ errors: [{ message: inUserLanguage(req, message) }] }, { status })
    if (!isStaff(req.user)) {
      return refuse(403, { en: 'Only staff issue device keys', ru: 'Ключи модемов выдают только сотрудники' })
    }
    const { password } = await jsonBody(req)
    await requireOwnPassword(req, typeof password === 'string' ? password : '', {
      en: 'Wrong password: no key was issued',
      ru: 'Неверный пароль: ключ не выдан',
    })
    const id = Number(req.routeParams?.id)
    const exists = Number.isSafeInteger(id) && (await req.payload.count({ collection: 'pumps', where: { id: { equals: id } } })).totalDocs > 0
    if (!exists) return refuse(404, { en: 'No such pump', ru: 'Насос не найден' })
    const { key, hash } = generateDeviceKey()
    await req.payload.update({ collection: 'pumps', id, data: { deviceKeyHash: hash(req.payload.secret) } as never, overrideAccess: true })
    return Response.json({ deviceKey: key })
  },
}

export const mqttIngest =
  (options: MqttIngestOptions) =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) =>
        collection.slug === 'pumps'
          ? {
              ...collection,
              fields: [...collection.fields, ...ingestionFields],
              endpoints: [...(collection.endpoints || []), deviceKeyEndpoint],
              hooks: { ...collection.hooks, beforeDelete: [...(collection.hooks?.beforeDelete ?? []), deleteModemHistory] },
            }
          : collection,
      ),
      ModemEvents,
    ],
    endpoints: [...(config.endpoints ?? []), ...brokerEndpoints({ secret: options.authSecret ?? (() => undefined) })],
    onInit: async (payload) => {
      await config.onInit?.(payload)
      if (options.enabled()) await startIngestion(payload)
    },
  })
