// Every curl example in docs/ works as written on a fresh `SEED_DEMO=1` start: a database of its own with the demo
// data (so the IDs are a fresh start's), real HTTP, and each document's ```sh blocks run in order in one bash, with
// only the base URL replaced. Each curl command ends in `# → <status>`; the test compares what it got.
import type { Payload } from 'payload'

import { curlBlocks, curlCount, expectedStatuses, runCurlBlocks } from '../support/docs-curl'
import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database'

const DOCUMENTS = ['docs/lifecycle.md', 'docs/mobile-api.md', 'docs/live.md', 'docs/factory.md', 'docs/alarms.md']

describe('the curl examples in docs/', () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let closePayload: (payload: Payload) => Promise<void>

  const testDatabaseUrl = process.env.DATABASE_URL
  let database: FreshDatabase | undefined

  beforeAll(async () => {
    database = await createFreshDatabase('hp_docs')
    // Set before the config loads: this file's modules (settings, payload.config) see only the fresh database.
    process.env.DATABASE_URL = database.url
    const support = await import('../support/payload')
    closePayload = support.closePayload
    payload = await support.startPayload()
    const { seedDemo } = await import('../../src/seed/demo')
    await seedDemo(payload)
    server = await (await import('../support/http-server')).serveRest()
  }, 600_000)

  afterAll(async () => {
    await server?.close()
    if (payload) await closePayload(payload)
    process.env.DATABASE_URL = testDatabaseUrl
    await database?.drop()
  })

  it('the demo tells one story: each move by the demo engineer at the date it collected, presence the sweep agrees with', async () => {
    const {
      docs: [pump],
    } = await payload.find({ collection: 'pumps', where: { serial: { equals: 'HP-2026-00007' } }, depth: 0 })
    const { docs: events } = await payload.find({
      collection: 'pumpEvents',
      where: { pump: { equals: pump.id } },
      sort: 'at',
      depth: 0,
      limit: 0,
    })
    expect(events.map((event) => event.to)).toEqual([
      'produced',
      'released',
      'shipped',
      'in_operation',
      'in_service',
      'decommissioned',
    ])
    for (const event of events) {
      expect(event).toMatchObject({
        actor: 'user',
        source: 'button',
        actorName: 'Сергей Сервисов (service@demo.local)',
      })
    }
    expect(events[0].at).toBe(pump.productionDate)
    expect(events[3].at).toBe(pump.commissioningDate)
    const { totalDocs: online } = await payload.count({ collection: 'pumps', where: { online: { equals: true } } })
    expect(online).toBe(0)
    const manuals = await payload.find({ collection: 'manuals', depth: 0 })
    for (const manual of manuals.docs) expect(manual.filesize).toBeGreaterThan(100)
  })

  for (const file of DOCUMENTS) {
    it(`${file}: every example answers the status it documents`, async () => {
      const blocks = curlBlocks(file)
      const expected = expectedStatuses(blocks)
      expect(expected.length).toBe(curlCount(blocks))
      expect(expected.length).toBeGreaterThan(0)
      const { statuses: got } = await runCurlBlocks(blocks, server.url)
      expect(got).toEqual(expected)
    })
  }
})
