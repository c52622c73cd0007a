// What the benchmarks share: a database of their own (`hp_bench`, recreated on each run) on DATABASE_URL's server or
// an embedded PostgreSQL, and a line naming the machine they ran on.
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/runtime/embedded-postgres'
import { freePort } from '../src/runtime/ports'
import { survivePgErrors } from '../src/services/pg-errors'
import { settings } from '../src/settings'

/** `name`: a benchmark's own database, recreated on each run (default `hp_bench`). */
export async function benchDatabase(
  name = 'hp_bench',
): Promise<{ url: string; embedded: EmbeddedPostgresHandle | null }> {
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
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(maintenance)
  url.pathname = `/${name}`
  return { url: url.toString(), embedded }
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

/** A numeric command-line option: `--name N`, else `fallback`. */
export function numericOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}
