// Issue 10, items 8 and 9, on an embedded PostgreSQL in a data folder of the test's own, as `npm start` keeps it:
// `npm run seed` beside the running server reuses its database; `npm run worker` (which starts the embedded
// PostgreSQL itself, as the server does) stopped by a terminal's Ctrl-C says one line and exits 0.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/runtime/embedded-postgres'
import { freePort } from '../../src/runtime/ports'
import { killCommand, runCommand, waitForOutput, type Command } from './processes'

let dataDir: string
let postgresPort: number
let server: EmbeddedPostgresHandle | undefined
let worker: Command | undefined

/** The environment of a newcomer's machine: no DATABASE_URL, no secret, no broker; this test's folder and ports. */
const newcomer = (extra: Record<string, string | undefined> = {}) => ({
  DATABASE_URL: undefined,
  PAYLOAD_SECRET: undefined,
  MQTT_URL: undefined,
  DATA_DIR: dataDir,
  EMBEDDED_POSTGRES_PORT: String(postgresPort),
  ...extra,
})

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-start-'))
  // Enterable by the postgres user when the tests run as root, as a checkout is (else the cluster moves to /var/tmp).
  fs.chmodSync(dataDir, 0o755)
  postgresPort = await freePort()
})

afterAll(async () => {
  killCommand(worker)
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

it('`npm run seed` beside a running server uses the server’s embedded PostgreSQL and leaves it running', async () => {
  // What `npm start` does first (src/runtime/prepare.ts): its embedded PostgreSQL in DATA_DIR/postgres, database registry.
  server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: postgresPort, log: () => {} })
  await server.createDatabase('registry')

  const seed = runCommand('seed', [], newcomer())
  const { code } = await seed.exited
  const output = seed.output()
  expect({ code, output }).toMatchObject({ code: 0 })
  expect(output).toContain(`is already running on port ${postgresPort} (npm start?): using it`)
  expect(output).not.toContain('is already taken by another program')
  expect(output).toMatch(/\[seed\] reference data: [1-9]\d* records added/)
  // The server's database is still up and holds what the seed added.
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: server.databaseUrl('registry') })
  client.on('error', () => {})
  await client.connect()
  const { rows } = await client.query('SELECT count(*)::int AS n FROM countries')
  await client.end()
  expect(rows[0].n).toBeGreaterThan(0)
}, 150_000)

it('`npm run worker` stopped by Ctrl-C (SIGINT to its process group) says one line and exits 0', async () => {
  // The worker starts the embedded PostgreSQL itself, as `npm start` does: Ctrl-C reaches that too.
  await server?.stop()
  server = undefined
  worker = runCommand(
    'worker',
    [],
    newcomer({ MQTT_INGEST: 'on', MQTT_SHARE_GROUP: '', EMBEDDED_MQTT_PORT: String(await freePort()) }),
    { ownGroup: true },
  )
  await waitForOutput(worker, '[worker] ingesting from', 90_000)
  // Let the ingestion's and the pool's connections settle into their idle state, as a running worker's are.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const before = worker.output().length
  process.kill(-worker.child.pid!, 'SIGINT')
  const { code, signal } = await worker.exited
  const after = worker.output().slice(before)
  expect({ code, signal, after }).toEqual({
    code: 0,
    signal: null,
    after: '[worker] SIGINT: writing what is pending and stopping\n',
  })
}, 150_000)
