// Every curl example in docs/ works as written on a fresh `SEED_DEMO=1` start: a database of its own with the demo
// data (so the IDs are a fresh start's), real HTTP, and each document's ```sh blocks run in order in one bash, with
// only the base URL replaced. Each curl command ends in `# → <status>`; the test compares what it got.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import pg from 'pg'
import type { Payload } from 'payload'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const DOCUMENTED_BASE = 'http://localhost:3000'
const DOCUMENTS = ['docs/lifecycle.md', 'docs/mobile-api.md', 'docs/live.md']

/** The shell blocks of a document that run curl, in order. */
function curlBlocks(file: string): string[] {
  const text = fs.readFileSync(path.join(rootDir, file), 'utf8')
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]).filter((block) => /\bcurl\b/.test(block))
}

/** One status per curl command: the `# → 201` at the end of the command's last line. */
function expectedStatuses(blocks: string[]): number[] {
  return blocks.flatMap((block) => [...block.matchAll(/# → (\d{3})\s*$/gm)].map((match) => Number(match[1])))
}

const database = `hp_docs_${Date.now()}_${process.pid}`
const maintenanceUrl = (() => {
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = '/postgres'
  return url.toString()
})()

async function sql(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

describe('the curl examples in docs/', () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let closePayload: (payload: Payload) => Promise<void>

  const testDatabaseUrl = process.env.DATABASE_URL

  beforeAll(async () => {
    await sql(`CREATE DATABASE "${database}"`)
    const url = new URL(process.env.DATABASE_URL!)
    url.pathname = `/${database}`
    // Set before the config loads: this file's modules (settings, payload.config) see only the fresh database.
    process.env.DATABASE_URL = url.toString()
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
    await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    process.env.DATABASE_URL = testDatabaseUrl
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
      const commands = blocks.join('\n').match(/(^|\$\(|\s)curl\s/gm) ?? []
      const expected = expectedStatuses(blocks)
      expect(expected.length).toBe(commands.length)
      expect(expected.length).toBeGreaterThan(0)
      const script = [
        'set -eu',
        `API=${server.url}/api`,
        // Each call's status goes to stderr; stdout stays what the example pipes on.
        `curl() { command curl -w '%{stderr}STATUS %{http_code}\\n' "$@"; }`,
        ...blocks.map((block) => block.replaceAll(DOCUMENTED_BASE, server.url).replace(/^API=.*$/gm, '')),
      ].join('\n')
      // Asynchronous: the HTTP server answering curl runs in this very process.
      const output = await new Promise<string>((resolve, reject) =>
        execFile('bash', ['-c', `(${script}) 2>&1 >/dev/null`], { timeout: 60_000 }, (error, stdout) =>
          error ? reject(new Error(`the examples of ${file} failed: ${error.message}\n${stdout}`)) : resolve(stdout),
        ),
      )
      const got = [...output.matchAll(/^STATUS (\d{3})$/gm)].map((match) => Number(match[1]))
      expect(got).toEqual(expected)
    })
  }
})
