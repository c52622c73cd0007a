// A database of its own on the run's test server (embedded or DATABASE_URL's), for a test that needs a fresh start:
// nothing in it until the code under test migrates it.
import pg from 'pg'

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function onMaintenance(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

export type FreshDatabase = { name: string; url: string; drop: () => Promise<void> }

/** Creates `<prefix>_<time>_<pid>`; `drop()` removes it, closing whatever still holds it. */
export async function createFreshDatabase(prefix: string): Promise<FreshDatabase> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is unset: the tests run through `npm test`')
  const name = `${prefix}_${Date.now()}_${process.pid}`
  await onMaintenance(`CREATE DATABASE "${name}"`)
  return {
    name,
    url: withDatabase(process.env.DATABASE_URL, name),
    drop: () => onMaintenance(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}
