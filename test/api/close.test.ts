// Closing Payload while a query still runs (src/services/close.ts): the query finishes and the pool ends after it.
// CI at the second wave's merge died with pg-pool's "Release called on client which has already been released":
// closePayload had released a client that was still running a query, and pg-pool released it again afterwards.
import type { Payload } from 'payload'

import { closePayload, startPayload } from '../support/payload'

type Pool = { query: (text: string) => Promise<{ rows: { slept: string }[] }>; ended?: boolean }

describe('closing Payload', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await startPayload()
  })

  it('lets a query that is still running finish, then ends the pool', async () => {
    const pool = (payload.db as unknown as { pool: Pool }).pool
    const running = pool.query(`select pg_sleep(0.5)::text as slept`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await closePayload(payload)
    await expect(running).resolves.toMatchObject({ rows: [{ slept: '' }] })
    expect(pool.ended).toBe(true)
  })
})
