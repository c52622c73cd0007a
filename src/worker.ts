// `npm run worker`: the modem ingestion alone, without the web server (for a separate ingestion process or host).
// Same configuration as `npm start`; with MQTT_URL unset it starts the embedded broker itself.
import { prepareRuntime } from './runtime/prepare'
import { settings } from './settings'

async function main(): Promise<void> {
  const started = Date.now()
  const runtime = await prepareRuntime()
  if (!settings.mqttIngest) throw new Error('MQTT_INGEST=off: there is nothing for the worker to do')
  settings.role = 'worker'
  // Imported after prepareRuntime: payload.config.ts reads DATABASE_URL and PAYLOAD_SECRET when it loads.
  const [{ getPayload }, { default: config }, { closePayload }, { health }] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('./runtime/close'),
    import('./runtime/health'),
  ])
  // onInit applies the migrations and starts the ingestion (plugins/mqtt-ingest).
  const payload = await getPayload({ config })
  const mqtt = (await health(payload)).body.mqtt as { broker?: string; subscription?: string } | undefined
  console.log(`[worker] ingesting from ${mqtt?.broker} (${mqtt?.subscription}); up in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`[worker] ${signal}: writing what is pending and stopping`)
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    try {
      await closePayload(payload)
      await runtime.embeddedPostgres?.stop()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: Error) => {
  console.error(`\n[worker] could not start: ${error.message}\n`)
  process.exit(1)
})
