// `npm run bench:live`: what open pump cards and lists cost the server. Seeds a fleet into a database of its own
// (`hp_bench`), then N simulated browser tabs poll GET /api/pumps/live through the REST handler Next.js mounts
// (a list tab asks for 25 rows, a card tab for 1), as fast as they can for a fixed time, as the administrator and as
// a partner holding a quarter of the fleet. Prints req/s, p50/p95/p99 latency in ms and how many open tabs that
// throughput serves at one poll per LIVE_REFRESH_MS.
//
// Options: --pumps N (100000), --clients N (8 concurrent requests), --seconds S (10).
// Database: DATABASE_URL's server, else an embedded PostgreSQL (data in .data/bench-postgres).
import { benchDatabase, machineLine } from './bench-support'
import { exportToEnvironment, settings } from '../src/settings'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

const PUMPS = option('pumps', 100_000)
const CLIENTS = option('clients', 8)
const SECONDS = option('seconds', 10)
const PASSWORD = 'bench-live-pass-1'

type Row = { label: string; requests: number; perSecond: number; p50: number; p95: number; p99: number; tabs: number }

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN
}

async function main(): Promise<void> {
  const database = await benchDatabase()
  exportToEnvironment({ databaseUrl: database.url, payloadSecret: settings.payloadSecret ?? 'bench-secret' })
  const [
    { getPayload },
    { default: config },
    { applyMigrations },
    { closePayload },
    { REST_GET, REST_POST },
    { sql },
    live,
  ] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('../src/services/migrations'),
    import('../src/services/close'),
    import('@payloadcms/next/routes'),
    import('@payloadcms/db-postgres'),
    import('../src/domain/live'),
  ])
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  const partner = await payload.create({ collection: 'partners', data: { name: 'Bench partner', certified: true } })
  const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
  const seeded = Date.now()
  await db.execute(sql`
    insert into pumps (serial, status, online, responsible_partner_id, updated_at, created_at)
    select 'LIVE-' || lpad(i::text, 6, '0'), 'in_operation', i % 3 = 0,
      case when i % 4 = 0 then ${partner.id}::int else null end, now(), now()
    from generate_series(1, ${PUMPS}) i`)
  await db.execute(sql`analyze pumps`)
  console.log(`[bench] ${PUMPS.toLocaleString('en')} pumps seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)
  for (const [email, role] of [
    ['bench-admin@bench.local', 'admin'],
    ['bench-partner@bench.local', 'partner'],
  ] as const) {
    await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, name: email, role, partner: role === 'partner' ? partner.id : undefined },
    })
  }
  type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>
  const get = REST_GET(config) as unknown as Handler
  const post = REST_POST(config) as unknown as Handler
  const call = (handler: Handler, url: string, init: RequestInit) =>
    handler(new Request(`http://localhost/api${url}`, init), {
      params: Promise.resolve({ slug: new URL(`http://localhost/api${url}`).pathname.split('/').slice(2) }),
    })
  async function token(email: string): Promise<string> {
    const response = await call(post, '/users/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
    return ((await response.json()) as { token: string }).token
  }
  const ids = (await db.execute(sql`select id, responsible_partner_id from pumps order by id`)) as {
    rows: { id: number; responsible_partner_id: number | null }[]
  }
  const all = ids.rows.map((row) => row.id)
  const own = ids.rows.filter((row) => row.responsible_partner_id === partner.id).map((row) => row.id)

  async function run(label: string, jwt: string, pool: number[], perPoll: number): Promise<Row> {
    const latencies: number[] = []
    const until = Date.now() + SECONDS * 1000
    const started = Date.now()
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < until) {
          const offset = Math.floor(Math.random() * (pool.length - perPoll))
          const page = pool.slice(offset, offset + perPoll)
          const t = performance.now()
          const response = await call(get, `/pumps/live?ids=${page.join(',')}`, {
            headers: { Authorization: `JWT ${jwt}` },
          })
          const body = (await response.json()) as { docs: unknown[] }
          if (response.status !== 200 || body.docs.length !== page.length)
            throw new Error(`${label}: ${response.status}`)
          latencies.push(performance.now() - t)
        }
      }),
    )
    const elapsed = (Date.now() - started) / 1000
    latencies.sort((a, b) => a - b)
    const perSecond = latencies.length / elapsed
    return {
      label,
      requests: latencies.length,
      perSecond: Math.round(perSecond),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      tabs: Math.round((perSecond * live.LIVE_REFRESH_MS) / 1000),
    }
  }

  const admin = await token('bench-admin@bench.local')
  const partnerToken = await token('bench-partner@bench.local')
  await run('warm-up', admin, all, 25)
  const rows = [
    await run('admin, list tab (25 ids)', admin, all, 25),
    await run('admin, card tab (1 id)', admin, all, 1),
    await run(`partner (${own.length.toLocaleString('en')} own pumps), list tab (25 ids)`, partnerToken, own, 25),
    await run('partner, card tab (1 id)', partnerToken, own, 1),
  ]
  console.log(`\n${PUMPS.toLocaleString('en')} pumps, ${CLIENTS} concurrent requests, ${SECONDS} s per run\n`)
  console.log('| poll | requests | req/s | p50 | p95 | p99 | open tabs served (one poll / 10 s) |')
  console.log('|---|---|---|---|---|---|---|')
  const ms = (value: number) => `${value.toFixed(1)} ms`
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.requests} | ${r.perSecond} req/s | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.tabs.toLocaleString('en')} |`,
    )
  }
  console.log(`\n${machineLine()}; database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}`)
  await closePayload(payload)
  await database.embedded?.stop()
  process.exit(0)
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
