import fs from 'node:fs'
import pg from 'pg'

import { survivePgErrors } from '../../src/services/pg-errors'
import { testDatabase } from './database'

export default async function globalTeardown(): Promise<void> {
  if (testDatabase.maintenanceUrl && testDatabase.name) {
    const client = survivePgErrors(
      new pg.Client({ connectionString: testDatabase.maintenanceUrl }),
      'maintenance connection',
    )
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS "${testDatabase.name}" WITH (FORCE)`)
    await client.end()
  }
  await testDatabase.embedded?.stop()
  if (testDatabase.dataDir) fs.rmSync(testDatabase.dataDir, { recursive: true, force: true })
}
