// `npm run worker` killed with SIGKILL mid-stream and started again: every card converges to what its modem last
// reported (retained status and alarms), and what was committed stays. The broker outlives the worker: Mosquitto
// when MQTT_URL is set, else an embedded broker started by this test.
import { spawn, type ChildProcess } from 'node:child_process'

import mqtt, { type MqttClient } from 'mqtt'
import type { Payload } from 'payload'

import { startEmbeddedBroker, type EmbeddedBroker } from '../../plugins/mqtt-ingest/broker'
import { ingestPassword, INGEST_USERNAME } from '../../plugins/mqtt-ingest/credentials'
import { deviceKeyHash } from '../../src/services/device-keys'
import { unique } from '../support/fixtures'
import { closePayload, startPayload } from '../support/payload'
import { freePort } from '../../src/runtime/ports'
import { ingestionHost } from '../../payload.config'
import { npmScript, rootDir } from '../support/npm-script'

const externalUrl = process.env.MQTT_URL

let payload: Payload
let broker: EmbeddedBroker | undefined
let brokerUrl: string
const modems: { serial: string; key: string; id: number; client?: MqttClient }[] = []
const workers: ChildProcess[] = []

/** The worker as `npm run worker` runs it, on the test database, against this test's broker. */
async function startWorker(): Promise<ChildProcess> {
  const { NODE_OPTIONS: _nodeOptions, NODE_ENV: _nodeEnv, ...inherited } = process.env
  const [command, args] = npmScript('worker')
  const worker = spawn(command, args, {
    cwd: rootDir,
    env: {
      ...inherited,
      MQTT_URL: brokerUrl,
      MQTT_INGEST: 'on',
      MQTT_SHARE_GROUP: externalUrl ? `hp-crash-${process.pid}` : '',
      ...(externalUrl ? {} : { MQTT_USERNAME: INGEST_USERNAME, MQTT_PASSWORD: ingestPassword(payload.secret) }),
    } as unknown as NodeJS.ProcessEnv, // without NODE_ENV, as `npm run worker` runs
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  workers.push(worker)
  let log = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within 60 s:\n${log}`)), 60_000)
    const collect = (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes('[worker] ingesting from')) {
        clearTimeout(timer)
        resolve()
      }
    }
    worker.stdout!.on('data', collect)
    worker.stderr!.on('data', collect)
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}):\n${log}`)))
  })
  return worker
}

beforeAll(async () => {
  payload = await startPayload()
  if (externalUrl) {
    brokerUrl = externalUrl
  } else {
    broker = await startEmbeddedBroker(payload, await freePort(), ingestionHost)
    brokerUrl = `mqtt://127.0.0.1:${broker.port}`
  }
  for (let i = 0; i < 20; i++) {
    const serial = unique('CR').toUpperCase()
    const key = `key-${serial}`
    const doc = await payload.create({
      collection: 'pumps',
      data: { serial, deviceKeyHash: deviceKeyHash(payload.secret, key) } as never,
    })
    modems.push({ serial, key, id: doc.id })
  }
  for (const modem of modems) {
    modem.client = await mqtt.connectAsync(brokerUrl, {
      username: modem.serial,
      password: modem.key,
      reconnectPeriod: 0,
    })
  }
}, 300_000)

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL')
  for (const modem of modems) {
    if (externalUrl) {
      await modem.client?.publishAsync(`hp/${modem.serial}/status`, '', { qos: 1, retain: true })
      await modem.client?.publishAsync(`hp/${modem.serial}/alarms`, '', { qos: 1, retain: true })
    }
    await modem.client?.endAsync(true)
  }
  await broker?.close()
  await closePayload(payload)
})

it('after kill -9 mid-stream and a restart, every card shows its modem’s last report', async () => {
  const first = await startWorker()
  let round = 0
  let publishing = true
  const stream = (async () => {
    while (publishing) {
      round++
      await Promise.all(
        modems.map(async (modem) => {
          await modem.client!.publishAsync(
            `hp/${modem.serial}/status`,
            JSON.stringify({ online: true, fw: `r${round}` }),
            { qos: 1, retain: true },
          )
          await modem.client!.publishAsync(
            `hp/${modem.serial}/alarms`,
            JSON.stringify({ active: round % 2 ? [{ code: `E${round}`, text: 'x' }] : [] }),
            { qos: 1, retain: true },
          )
        }),
      )
    }
  })()
  await new Promise((resolve) => setTimeout(resolve, 1500))
  first.kill('SIGKILL')
  await new Promise((resolve) => first.once('exit', resolve))
  // The modems go on while nobody ingests; their last report is what the cards must end with.
  await new Promise((resolve) => setTimeout(resolve, 500))
  publishing = false
  await stream
  const final = round
  const committed = (
    await payload.find({ collection: 'modemEvents', where: { pump: { in: modems.map((m) => m.id) } }, limit: 0 })
  ).totalDocs
  expect(committed).toBeGreaterThan(0)

  const second = await startWorker()
  const started = Date.now()
  for (;;) {
    const cards = await payload.find({
      collection: 'pumps',
      where: { id: { in: modems.map((m) => m.id) } },
      limit: 0,
      depth: 0,
    })
    const converged = cards.docs.every(
      (card) =>
        card.online === true &&
        card.firmwareVersion === `r${final}` &&
        JSON.stringify(card.activeAlarms) ===
          JSON.stringify(final % 2 ? [{ code: `E${final}`, text: 'x', since: null }] : []),
    )
    if (converged) break
    if (Date.now() - started > 30_000) {
      throw new Error(
        `cards did not converge to round ${final}: ${JSON.stringify(cards.docs.map((c) => [c.firmwareVersion, c.activeAlarms]))}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  // What was committed before the crash is still there.
  const after = (
    await payload.find({ collection: 'modemEvents', where: { pump: { in: modems.map((m) => m.id) } }, limit: 0 })
  ).totalDocs
  expect(after).toBeGreaterThanOrEqual(committed)
  second.kill('SIGTERM')
  await new Promise((resolve) => second.once('exit', resolve))
}, 180_000)

it('carries on when PostgreSQL drops every connection of the database (finding 9)', async () => {
  const worker = await startWorker()
  let log = ''
  worker.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  worker.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const [modem] = modems
  const firmwareOf = async () =>
    (await payload.findByID({ collection: 'pumps', id: modem.id, depth: 0 })).firmwareVersion
  const waitFor = async (firmware: string) => {
    const started = Date.now()
    while ((await firmwareOf()) !== firmware) {
      if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}):\n${log}`)
      if (Date.now() - started > 30_000) throw new Error(`${firmware} did not land within 30 s:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  await modem.client!.publishAsync(`hp/${modem.serial}/status`, JSON.stringify({ online: true, fw: 'before-drop' }), {
    qos: 1,
    retain: true,
  })
  await waitFor('before-drop')
  // What a database restart or failover does to every open connection: the worker's (and this process's own).
  const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
  const { sql } = await import('@payloadcms/db-postgres')
  const killed = (await db.execute(
    sql.raw(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    ),
  )) as { rows: unknown[] }
  expect(killed.rows.length).toBeGreaterThan(0)
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(worker.exitCode).toBeNull()
  await modem.client!.publishAsync(`hp/${modem.serial}/status`, JSON.stringify({ online: true, fw: 'after-drop' }), {
    qos: 1,
    retain: true,
  })
  await waitFor('after-drop')
  expect(worker.exitCode).toBeNull()
  worker.kill('SIGTERM')
  await new Promise((resolve) => worker.once('exit', resolve))
}, 300_000)
