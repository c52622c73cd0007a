// `npm run worker`: the modem ingestion alone, without the web server (for a separate ingestion process or host).
// Same configuration as `npm start`; with MQTT_URL unset it starts the embedded broker itself.
import { prepareRuntime } from './runtime/prepare'
import { closeOnSignals } from './runtime/shutdown'
import { settings } from './settings'

async function main(): Promise<void> {
  const started = Date.now()
  const runtime = await prepareRuntime({ reuseRunning: true })
  if (!settings.mqttIngest) throw new Error('MQTT_INGEST=off: there is nothing for the worker to do')
  settings.role = 'worker'
  // Imported after prepareRuntime: payload.config.ts reads DATABASE_URL and PAYLOAD_SECRET when it loads.
  const [{ getPayload }, { default: config }, { closePayload }, { health }] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('./services/close'),
    import('./services/health'),
  ])
  // onInit applies the migrations and starts the ingestion (plugins/mqtt-ingest).
  const payload = await getPayload({ config })
  const mqtt = (await health(payload)).body.mqtt as { broker?: string; subscription?: string } | undefined
  console.log(
    `[worker] ingesting from ${mqtt?.broker} (${mqtt?.subscription}); up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )

  closeOnSignals(
    'worker',
    async () => {
      await closePayload(payload)
      await runtime.embeddedPostgres?.stop()
    },
    'writing what is pending and stopping',
  )
}

main().catch((error: Error) => {
  console.error(`\n[worker] could not start: ${error.message}\n`)
  process.exit(1)
})
