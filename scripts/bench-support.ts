// What the benchmarks share: a database of their own (`hp_bench`, recreated on each run) on DATABASE_URL's server or
// an embedded PostgreSQL, and a line naming the machine they ran on.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/runtime/embedded-postgres'
import { freePort } from '../src/runtime/ports'
import { survivePgErrors } from '../src/services/pg-errors'
import { rootDirOf } from '../src/services/root'
import { settings } from '../src/settings'

// The project's folder also from scripts/run.js's bundle (src/services/root.ts).
const rootDir = rootDirOf()

/** `name`: a benchmark that may run beside another gives its own, so neither drops the other's database. `keep`:
 * an existing database of that name is kept (the caller decides whether its data will do). */
export async function benchDatabase(
  name = 'hp_bench',
  keep = false,
): Promise<{ url: string; embedded: EmbeddedPostgresHandle | null; kept: boolean }> {
  let maintenance: string
  let embedded: EmbeddedPostgresHandle | null = null
  if (settings.databaseUrl) {
    const url = new URL(settings.databaseUrl)
    url.pathname = '/postgres'
    maintenance = url.toString()
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(settings.dataDir, 'bench-postgres'),
      port: await freePort(),
      log: () => {},
    })
    maintenance = embedded.databaseUrl('postgres')
  }
  const client = survivePgErrors(new pg.Client({ connectionString: maintenance }), 'maintenance connection')
  await client.connect()
  const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
  const kept = keep && exists
  if (!kept) {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${name}`)
  }
  await client.end()
  const url = new URL(maintenance)
  url.pathname = `/${name}`
  return { url: url.toString(), embedded, kept }
}

/** "2 cores (…), 24 GB, Node 20.20.0, linux": printed under every table. */
export function machineLine(): string {
  const cpus = os.cpus()
  const memory = Math.round(os.totalmem() / 1024 ** 3)
  return `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${memory} GB, Node ${process.versions.node}, ${os.platform()}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`
}

/** A script of ours in a child process (as package.json runs them), its stdout collected. */
export function child(args: string[]): { process: ChildProcess; output: Promise<string> } {
  // As package.json runs our scripts (docs/architecture.md): plain node on scripts/run.js's bundle.
  const proc = spawn(process.execPath, ['--conditions=production', path.join(rootDir, 'scripts', 'run.js'), ...args], {
    cwd: rootDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  proc.stdout!.on('data', (chunk) => (output += chunk))
  return {
    process: proc,
    output: new Promise((resolve, reject) =>
      proc.once('exit', (code) =>
        code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited with ${code}`)),
      ),
    ),
  }
}

/** An aedes without authentication, for the benchmark only, in its own process. */
export async function benchBroker(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort()
  const script = `import('aedes').then(async ({ Aedes }) => {
    const broker = await Aedes.createBroker()
    require('node:net').createServer(broker.handle).listen(${port}, '127.0.0.1', () => console.log('ready'))
  })`
  const proc = spawn(process.execPath, ['-e', script], { cwd: rootDir, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve) => proc.stdout!.once('data', () => resolve()))
  return { url: `mqtt://127.0.0.1:${port}`, stop: () => proc.kill() }
}

/** A numeric command-line option: `--name N`, else `fallback`. */
export function numericOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

/**
 * CPU seconds used so far by this machine's PostgreSQL processes (backends, WAL writer, checkpointer…), read from
 * /proc; null where there is none (not Linux). Short-lived processes that ended in between are not counted.
 */
export function postgresCpuSeconds(): number | null {
  if (!fs.existsSync('/proc/self/stat')) return null
  let ticks = 0
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      if (!/^postgres/.test(stat.slice(stat.indexOf('(') + 1, close))) continue
      const fields = stat.slice(close + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) // utime, stime (fields 14 and 15 of stat)
    } catch {
      // the process ended while we read
    }
  }
  return ticks / 100 // USER_HZ is 100 on Linux
}
