import fs from 'node:fs'
import pg from 'pg'

import { testDatabase } from './database'

export default async function globalTeardown(): Promise<void> {
  if (testDatabase.maintenanceUrl && testDatabase.name) {
    const client = new pg.Client({ connectionString: testDatabase.maintenanceUrl })
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS "${testDatabase.name}" WITH (FORCE)`)
    await client.end()
  }
  await testDatabase.embedded?.stop()
  if (testDatabase.dataDir) fs.rmSync(testDatabase.dataDir, { recursive: true, force: true })
}
