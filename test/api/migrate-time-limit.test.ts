// The migrate step of every start has a time limit (issue 10): a session holding a lock the migrations need makes
// it end in a message naming the step, what to try and who holds the lock, instead of a start that hangs silently.
import pg from 'pg'
import type { Payload } from 'payload'

import { survivePgErrors } from '../../src/services/pg-errors'
import { applyMigrations, MIGRATE_STEP } from '../../src/services/migrations'
import { closePayload, startPayload } from '../support/payload'

let payload: Payload

beforeAll(async () => {
  payload = await startPayload()
})

afterAll(async () => {
  await closePayload(payload)
})

/** No session of the test database waits for a lock any more (the timed-out migrate has finished). */
async function noLockWaits(client: pg.Client): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 20_000;) {
    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )
    if (!rowCount) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('a session still waits for a lock after 20 s')
}

it('a migrate blocked by a lock ends after its limit naming the step, the hint and the blocking session', async () => {
  // Another session in an open transaction holding the migrations' bookkeeping table, as an open psql session
  // with a LOCK TABLE (or a migration of another process in its ALTER TABLE) does.
  const locker = survivePgErrors(
    new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'hp-test-locker' }),
    'locker',
  )
  await locker.connect()
  await locker.query('BEGIN')
  await locker.query('LOCK TABLE payload_migrations IN ACCESS EXCLUSIVE MODE')
  // Without a time limit the migrate would wait for good: let go after 20 s so that such code fails, not hangs.
  const release = setTimeout(() => void locker.query('ROLLBACK').catch(() => {}), 20_000)
  const started = Date.now()
  let error: Error | null = null
  try {
    await applyMigrations(payload, { timeLimitSeconds: 2 })
  } catch (caught) {
    error = caught as Error
  } finally {
    clearTimeout(release)
    await locker.query('ROLLBACK').catch(() => {})
  }
  const elapsed = Date.now() - started

  expect(error?.message).toContain(`${MIGRATE_STEP} took longer than 2 s: another session may hold a lock`)
  expect(error?.message).toContain('another `npm start`, `npm run worker` or `npm run seed` on this database')
  expect(error?.message).toMatch(
    /waiting for pid \d+ \(hp-test-locker, idle in transaction\): LOCK TABLE payload_migrations/,
  )
  expect(elapsed).toBeGreaterThanOrEqual(1900)
  expect(elapsed).toBeLessThan(15_000)

  // With the lock gone the timed-out migrate finishes by itself, and the step passes within its limit again.
  await noLockWaits(locker)
  await locker.end()
  await expect(applyMigrations(payload, { timeLimitSeconds: 30 })).resolves.toBeUndefined()
}, 60_000)
