// `npm run bench:fleet`: the fleet at a million pumps (issue 14). Generates the fleet into a database of its own
// (`hp_bench_fleet`, recreated each run; scripts/bench-fleet-data.ts), then times the issue's requests one after
// another through the REST handlers Next.js mounts, as the administrator, a partner (1/40 of the fleet) and an owner,
// plus the dashboards (cold: counted; warm: cached) and a partner's CSV export (rows/s and the process's peak RSS).
//
// Options: --pumps N (1000000), --partners N (40), --status-events N (5 × pumps), --modem-events N (10 × pumps),
// --runs N (30 per request), --database NAME (hp_bench_fleet), --keep (reuse that database when it already holds a
// fleet of this size: no generation). Database: DATABASE_URL's server, else an embedded PostgreSQL.
import type { Payload } from 'payload'

import { benchDatabase, machineLine } from './bench-support'
import { generateFleet } from './bench-fleet-data'
import { exportToEnvironment, settings } from '../src/settings'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

const PUMPS = option('pumps', 1_000_000)
const SIZE = {
  pumps: PUMPS,
  partners: option('partners', 40),
  statusEvents: option('status-events', PUMPS * 5),
  modemEvents: option('modem-events', PUMPS * 10),
}
const RUNS = option('runs', 30)
const DATABASE = process.argv.includes('--database')
  ? process.argv[process.argv.indexOf('--database') + 1]
  : 'hp_bench_fleet'
const KEEP = process.argv.includes('--keep')
const PASSWORD = 'bench-fleet-pass-1'

type Db = { execute: (query: unknown) => Promise<{ rows: Record<string, unknown>[] }> }
type Sql = (strings: TemplateStringsArray, ...values: unknown[]) => unknown
type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>
type Row = { label: string; p50: number; p95: number; max: number; note: string }

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]

async function main(): Promise<void> {
  const database = await benchDatabase(DATABASE, KEEP)
  exportToEnvironment({ databaseUrl: database.url, payloadSecret: settings.payloadSecret ?? 'bench-secret' })
  const [{ getPayload }, { default: config }, { applyMigrations }, { ensureReferenceData }, { closePayload }] =
    await Promise.all([
      import('payload'),
      import('../payload.config'),
      import('../src/services/migrations'),
      import('../src/seed/reference'),
      import('../src/services/close'),
    ])
  const [{ REST_GET, REST_POST }, { sql }, overview, counts, csv] = await Promise.all([
    import('@payloadcms/next/routes'),
    import('@payloadcms/db-postgres'),
    import('../src/services/fleet-overview'),
    import('../src/services/fleet-counts'),
    import('../src/services/fleet-export'),
  ])
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  await ensureReferenceData(payload)
  const db = (payload.db as unknown as { drizzle: Db }).drizzle
  const generated = Date.now()
  const held = database.kept ? Number((await db.execute(sql`select count(*) as n from pumps`)).rows[0].n) : 0
  const reused = held === PUMPS
  if (!reused) {
    if (held > 0) throw new Error(`${DATABASE} holds ${held} pumps, not ${PUMPS}: run without --keep`)
    await generateFleet(db.execute.bind(db), sql as never, SIZE)
  }
  const generatedSeconds = (Date.now() - generated) / 1000

  const [{ id: partnerId }] = (await db.execute(sql`select id from partners order by id limit 1`)).rows as {
    id: number
  }[]
  if (!reused) await benchAccounts(payload, db, sql, partnerId)
  const owner = (await payload.find({ collection: 'buyers', where: { phone: { equals: OWNER_PHONE } } })).docs[0]
  const get = REST_GET(config) as unknown as Handler
  const post = REST_POST(config) as unknown as Handler
  const call = (handler: Handler, url: string, init: RequestInit) =>
    handler(new Request(`http://localhost/api${url}`, init), {
      params: Promise.resolve({ slug: new URL(`http://localhost/api${url}`).pathname.split('/').slice(2) }),
    })
  async function token(collection: string, credentials: Record<string, string>): Promise<string> {
    const response = await call(post, `/${collection}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...credentials, password: PASSWORD }),
    })
    return ((await response.json()) as { token: string }).token
  }
  const admin = await token('users', { email: 'bench-admin@bench.local' })
  const partner = await token('users', { email: 'bench-partner@bench.local' })
  const ownerToken = await token('buyers', { username: owner.phone as string })
  const [{ id: card }] = (
    await db.execute(
      sql`select id from pumps where responsible_partner_id = ${partnerId} and status = 'in_operation' limit 1`,
    )
  ).rows as { id: number }[]

  async function timeRuns(label: string, work: () => Promise<string>, gapMs = 0): Promise<Row> {
    const times: number[] = []
    let note = ''
    for (let i = 0; i < RUNS + 3; i += 1) {
      if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs))
      const started = performance.now()
      note = await work()
      if (i >= 3) times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    return { label, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], note }
  }
  const probe = (label: string, jwt: string, url: string) =>
    timeRuns(label, async () => {
      const response = await call(get, url, { headers: { Authorization: `JWT ${jwt}` } })
      const body = (await response.json()) as { totalDocs?: number; docs?: unknown[] }
      if (response.status !== 200) throw new Error(`${label}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
      return body.totalDocs !== undefined ? `${body.totalDocs.toLocaleString('en')} total` : ''
    })

  const list = '/pumps?limit=10&depth=1'
  const rows: Row[] = [
    await probe('admin: `GET /api/pumps?limit=10&depth=1`', admin, list),
    await probe('admin: `…&sort=-lastDataAt`', admin, `${list}&sort=-lastDataAt`),
    await probe(
      'admin: `…&where[status][equals]=in_operation&where[online][equals]=false`',
      admin,
      `${list}&where[status][equals]=in_operation&where[online][equals]=false`,
    ),
    await probe('admin: `…&where[serial][like]=BENCH-0777`', admin, `${list}&where[serial][like]=BENCH-0777`),
    await probe('admin: `…&page=1000`', admin, `${list}&page=1000`),
    await probe('partner: `GET /api/pumps?limit=10&depth=1`', partner, list),
    await probe('partner: `…&sort=-lastDataAt`', partner, `${list}&sort=-lastDataAt`),
    await probe('partner: `GET /api/pumpEvents?limit=10&sort=-at`', partner, '/pumpEvents?limit=10&sort=-at'),
    await probe(
      'partner: pump card `GET /api/pumps/:id?depth=1` (history and modem joins)',
      partner,
      `/pumps/${card}?depth=1`,
    ),
    await probe(
      "partner: the pump's history `GET /api/pumpEvents?where[pump][equals]=:id`",
      partner,
      `/pumpEvents?limit=10&where[pump][equals]=${card}`,
    ),
    await probe("owner: the owner's pumps `GET /api/pumps?limit=10`", ownerToken, '/pumps?limit=10'),
  ]
  const staffUser = { collection: 'users', id: 0, role: 'admin' } as never
  const partnerUser = { collection: 'users', id: 0, role: 'partner', partner: partnerId } as never
  rows.push(
    await timeRuns('background recount of every scope (every 30 s; not a page view)', async () => {
      await counts.countFleet(payload)
      return "pumps grouped by partner and status, the week's registrations"
    }),
  )
  for (const [who, user] of [
    ['staff', staffUser],
    ['partner', partnerUser],
  ] as const) {
    rows.push(
      await timeRuns(`${who} dashboard, nothing kept yet (a view before the process's first count)`, async () => {
        overview.forgetOverviews()
        await overview.fleetOverview(payload, user)
        return ''
      }),
    )
  }
  // As the server runs: counted now and every 30 s in the background; views spaced so that recounts run among them.
  const stop = overview.keepFleetCounts(payload)
  for (const [who, user] of [
    ['staff', staffUser],
    ['partner', partnerUser],
  ] as const)
    rows.push(
      await timeRuns(
        `${who} dashboard view, counts kept in the background (views 2 s apart)`,
        async () => {
          await overview.fleetOverview(payload, user)
          return 'any view, the first after an idle minute included'
        },
        2000,
      ),
    )
  stop()
  const exported = await exportProbe(csv.pumpCsvStream, payload, partnerUser)
  console.log(
    `\n${PUMPS.toLocaleString('en')} pumps, ${SIZE.partners} partners, ${SIZE.statusEvents.toLocaleString('en')} status events, ${SIZE.modemEvents.toLocaleString('en')} modem events (${reused ? `reused ${DATABASE}` : `generated in ${generatedSeconds.toFixed(0)} s`}); ${RUNS} sequential runs each after 3 warm-ups\n`,
  )
  console.log('| request | p50 | p95 | max | note |')
  console.log('|---|---|---|---|---|')
  const ms = (value: number) => `${value.toFixed(0)} ms`
  for (const r of rows) console.log(`| ${r.label} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.note} |`)
  console.log(`\n${exported}`)
  console.log(`\n${machineLine()}; database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}`)
  await closePayload(payload)
  await database.embedded?.stop()
  process.exit(0)
}

const OWNER_PHONE = '+79990001122'

/** The benchmark's administrator, partner (of the first partner) and owner (of the last 3 pumps). */
async function benchAccounts(payload: Payload, db: Db, sql: Sql, partnerId: number): Promise<void> {
  const owner = await payload.create({
    collection: 'buyers',
    data: { phone: OWNER_PHONE, username: '', password: PASSWORD, name: 'Bench owner' },
  })
  await db.execute(
    sql`update pumps set owner_id = ${owner.id} where id in (select id from pumps order by id desc limit 3)`,
  )
  for (const [email, role] of [
    ['bench-admin@bench.local', 'admin'],
    ['bench-partner@bench.local', 'partner'],
  ] as const) {
    await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, name: email, role, partner: role === 'partner' ? partnerId : undefined },
    })
  }
}

/** A partner's whole list as CSV, read to the end: rows per second and the process's peak RSS while it ran. */
async function exportProbe(
  stream: (request: never) => Promise<ReadableStream<Uint8Array>>,
  payload: unknown,
  user: unknown,
): Promise<string> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = performance.now()
  let lines = 0
  const body = await stream({ payload, user, where: {}, ru: true } as never)
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    lines += chunk.filter((byte) => byte === 10).length
  clearInterval(timer)
  const seconds = (performance.now() - started) / 1000
  return `Partner's CSV export: ${(lines - 1).toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds).toLocaleString('en')} rows/s); peak RSS of the process ${Math.round(peak / 1024 ** 2)} MB`
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
