// Fills in what the environment left unset, so that one command starts everything on a bare machine.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { exportToEnvironment, settings } from '../settings'
import { collectGarbageSooner } from './heap'
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres'

/** `npm run dev` pushes schema changes without migrations: it gets a database of its own. */
export const EMBEDDED_DATABASE_NAME = settings.schemaPush ? 'registry_dev' : 'registry'

/** Production refuses to start without PAYLOAD_SECRET; development keeps a generated one in the data folder. */
export function resolvePayloadSecret(): string {
  if (settings.payloadSecret) return settings.payloadSecret
  if (settings.production) {
    throw new Error(
      'PAYLOAD_SECRET is not set. With NODE_ENV=production the server needs a long random secret ' +
        '(it signs login tokens), e.g. PAYLOAD_SECRET=$(openssl rand -hex 32).',
    )
  }
  const file = path.join(settings.dataDir, 'payload-secret')
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  const secret = crypto.randomBytes(32).toString('hex')
  fs.mkdirSync(settings.dataDir, { recursive: true })
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 })
  console.log(`[config] generated a development PAYLOAD_SECRET in ${file}`)
  return secret
}

export type PreparedRuntime = { embeddedPostgres: EmbeddedPostgresHandle | null }

/** `reuseRunning`: a command beside a running `npm start` (seed, worker) uses its embedded PostgreSQL. */
export async function prepareRuntime(options: { reuseRunning?: boolean } = {}): Promise<PreparedRuntime> {
  collectGarbageSooner()
  const payloadSecret = resolvePayloadSecret()
  let embeddedPostgres: EmbeddedPostgresHandle | null = null
  let databaseUrl = settings.databaseUrl
  if (!databaseUrl) {
    embeddedPostgres = await startEmbeddedPostgres({
      dataDir: path.join(settings.dataDir, 'postgres'),
      port: settings.embeddedPostgresPort,
      reuseRunning: options.reuseRunning,
    })
    await embeddedPostgres.createDatabase(EMBEDDED_DATABASE_NAME)
    databaseUrl = embeddedPostgres.databaseUrl(EMBEDDED_DATABASE_NAME)
    console.log(`[postgres] embedded PostgreSQL is up: ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`)
    console.log(`[postgres] (its password is in ${path.join(settings.dataDir, 'postgres-password')})`)
  }
  exportToEnvironment({ databaseUrl, payloadSecret })
  return { embeddedPostgres }
}
