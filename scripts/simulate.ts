// `npm run simulate -- --pumps 50`: simulated modems for demos, against the running product. Each simulated pump
// (SIM-00001…) is created through the REST API if missing and gets a fresh device key; the modems then connect
// with their keys, send model-shaped readings every few seconds, raise and clear alarms, and drop off now and then.
//
// Options: --pumps N (20), --interval S (5, seconds between data), --duration S (until Ctrl-C).
// Environment: SERVER_URL (default http://localhost:$PORT), MQTT_URL (default the embedded broker),
// SIM_EMAIL / SIM_PASSWORD (a staff account; default the demo administrator of `npm run seed -- --demo`).
import mqtt, { type MqttClient } from 'mqtt'

import { demoReading } from '../src/domain/telemetry-demo'
import { settings } from '../src/settings'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`)
  return value
}

const pumps = Math.floor(option('pumps', 20))
const intervalMs = option('interval', 5) * 1000
const durationMs = process.argv.includes('--duration') ? option('duration', 60) * 1000 : Infinity
const api = `${(settings.serverUrl || `http://localhost:${settings.port}`).replace(/\/$/, '')}/api`
const brokerUrl = settings.mqttUrl ?? `mqtt://127.0.0.1:${settings.embeddedMqttPort}`
const email = process.env.SIM_EMAIL ?? 'admin@demo.local'
const password = process.env.SIM_PASSWORD ?? 'demo-admin-1'

const ALARMS = [
  { code: 'E12', text: 'Low flow' },
  { code: 'E21', text: 'High pressure' },
  { code: 'W03', text: 'Defrost cycle too long' },
]

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const response = await fetch(`${api}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `JWT ${init.token}` } : {}) },
  })
  const body = (await response.json().catch(() => ({}))) as Record<string, any>
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body.errors ?? body)}`)
  return body
}

async function provision(token: string, serial: string): Promise<string> {
  const found = await call(`/pumps?where[serial][equals]=${serial}&depth=0&limit=1`, { token })
  const id =
    found.docs[0]?.id ?? (await call('/pumps', { method: 'POST', token, body: JSON.stringify({ serial }) })).doc.id
  return (await call(`/pumps/${id}/device-key`, { method: 'POST', token, body: JSON.stringify({ password }) }))
    .deviceKey
}

type Modem = { serial: string; key: string; client: MqttClient | null; alarms: typeof ALARMS; timer?: NodeJS.Timeout }

function connect(modem: Modem): void {
  const status = `hp/${modem.serial}/status`
  const client = mqtt.connect(brokerUrl, {
    clientId: `sim-${modem.serial}`,
    username: modem.serial,
    password: modem.key,
    reconnectPeriod: 0,
    will: { topic: status, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
  })
  modem.client = client
  client.on('connect', () => {
    client.publish(status, JSON.stringify({ online: true, conn: 'gsm', fw: '1.4.2' }), { qos: 1, retain: true })
    client.publish(`hp/${modem.serial}/alarms`, JSON.stringify({ active: modem.alarms }), { qos: 1, retain: true })
  })
  client.on('error', (error) => console.warn(`[simulate] ${modem.serial}: ${error.message}`))
}

function tick(modem: Modem): void {
  const client = modem.client
  if (!client?.connected) return
  const roll = Math.random()
  if (roll < 0.02) {
    // Drops off without a goodbye (the broker sends the will), back in 10-30 s.
    ;(client as unknown as { stream: { destroy: () => void } }).stream.destroy()
    modem.client = null
    setTimeout(() => connect(modem), 10_000 + Math.random() * 20_000).unref()
    return
  }
  if (roll < 0.06) {
    const alarm = ALARMS[Math.floor(Math.random() * ALARMS.length)]
    modem.alarms = modem.alarms.some((a) => a.code === alarm.code)
      ? modem.alarms.filter((a) => a.code !== alarm.code)
      : [...modem.alarms, { ...alarm, since: Date.now() } as (typeof ALARMS)[number]]
    client.publish(`hp/${modem.serial}/alarms`, JSON.stringify({ active: modem.alarms }), { qos: 1, retain: true })
  }
  // Model-shaped readings (src/domain/telemetry-demo.ts): a heating curve following the day's outdoor cycle.
  const seed = Number(modem.serial.replace(/\D/g, '')) || 0
  client.publish(`hp/${modem.serial}/data`, JSON.stringify({ ts: Date.now(), ...demoReading(Date.now(), seed) }), {
    qos: 0,
  })
}

async function main(): Promise<void> {
  const login = await call('/users/login', { method: 'POST', body: JSON.stringify({ email, password }) })
  const modems: Modem[] = []
  for (let i = 1; i <= pumps; i++) {
    const serial = `SIM-${String(i).padStart(5, '0')}`
    modems.push({ serial, key: await provision(login.token, serial), client: null, alarms: [] })
  }
  console.log(`[simulate] ${pumps} modems → ${brokerUrl} (data every ${intervalMs / 1000} s); Ctrl-C stops`)
  for (const modem of modems) {
    connect(modem)
    modem.timer = setInterval(() => tick(modem), intervalMs * (0.8 + 0.4 * Math.random()))
  }
  const stop = () => {
    for (const modem of modems) {
      clearInterval(modem.timer)
      modem.client?.end(true)
    }
    console.log('[simulate] stopped')
    process.exit(0)
  }
  process.on('SIGINT', stop)
  if (Number.isFinite(durationMs)) setTimeout(stop, durationMs)
}

main().catch((error: Error) => {
  console.error(`[simulate] ${error.message}`)
  process.exit(1)
})
