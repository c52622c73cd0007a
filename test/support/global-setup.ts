// One fresh database for the whole run: on DATABASE_URL's server when it is set (CI's PostgreSQL service),
// else on an embedded PostgreSQL of the tests' own (port EMBEDDED_POSTGRES_TEST_PORT, default any free port).
import os from 'node:os'
import fs from 'node:fs'
import path from 'node:path'

import { createDatabaseIfMissing, startEmbeddedPostgres } from '../../src/runtime/embedded-postgres'
import { testDatabase } from './database'
import { freePort } from '../../src/runtime/ports'

export default async function globalSetup(): Promise<void> {
  const database = `hp_test_${Date.now()}_${process.pid}`
  const given = process.env.DATABASE_URL
  let serverUrl: string
  if (given) {
    serverUrl = given
  } else {
    const handle = await startEmbeddedPostgres({
      dataDir: path.resolve('.data', 'test-postgres'),
      port: process.env.EMBEDDED_POSTGRES_TEST_PORT
        ? Number(process.env.EMBEDDED_POSTGRES_TEST_PORT)
        : await freePort(),
      portVariable: 'EMBEDDED_POSTGRES_TEST_PORT',
      log: () => {},
    })
    testDatabase.embedded = handle
    serverUrl = handle.databaseUrl('postgres')
  }
  const url = new URL(serverUrl)
  url.pathname = '/postgres'
  testDatabase.maintenanceUrl = url.toString()
  testDatabase.name = database
  await createDatabaseIfMissing(testDatabase.maintenanceUrl, database)
  url.pathname = `/${database}`

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-test-'))
  testDatabase.dataDir = dataDir
  process.env.DATABASE_URL = url.toString()
  process.env.PAYLOAD_SECRET = 'test-secret-not-for-production'
  process.env.DATA_DIR = dataDir
  process.env.MQTT_INGEST = 'off'
  console.log(`\n[test] database ${database} on ${given ? 'DATABASE_URL' : 'the embedded PostgreSQL'}`)
}
