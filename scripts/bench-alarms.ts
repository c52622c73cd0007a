// `npm run bench:alarms`: the fleet alarm console's first page on a big fleet. Seeds pumps and alarm records (most
// of them cleared, some active) into a database of its own (`hp_bench_alarms`), then reads the console as the page
// does (counts by severity + the first page, worst then oldest first) as the administrator and as a partner holding
// a quarter of the fleet, with and without filters. Prints p50/p95/p99 in ms.
//
// Options: --pumps N (100000), --alarms N (1000000), --active N (10000), --runs N (40), --database NAME
// (hp_bench_alarms: a name of your own when others bench on the same server).
// Database: DATABASE_URL's server, else an embedded PostgreSQL (data in .data/bench-postgres).
import { benchDatabase, machineLine, numericOption as option } from './bench-support'
import { exportToEnvironment, settings } from '../src/settings'

const PUMPS = option('pumps', 100_000)
const ALARMS = option('alarms', 1_000_000)
const ACTIVE = option('active', 10_000)
const RUNS = option('runs', 40)

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]

async function main(): Promise<void> {
  const named = process.argv.indexOf('--database')
  const database = await benchDatabase(named >= 0 ? process.argv[named + 1] : 'hp_bench_alarms')
  exportToEnvironment({ databaseUrl: database.url, payloadSecret: settings.payloadSecret ?? 'bench-secret' })
  const [
    { getPayload, createLocalReq },
    { default: config },
    { applyMigrations },
    { closePayload },
    { sql },
    console_,
    filters,
  ] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('../src/services/migrations'),
    import('../src/services/close'),
    import('@payloadcms/db-postgres'),
    import('../src/services/alarm-console'),
    import('../src/domain/alarm-console'),
  ])
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  const partner = await payload.create({ collection: 'partners', data: { name: 'Bench partner', certified: true } })
  const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
  const seeded = Date.now()
  await db.execute(sql`
    insert into pumps (serial, status, online, responsible_partner_id, updated_at, created_at)
    select 'ALM-' || lpad(i::text, 6, '0'), 'in_operation', true,
      case when i % 4 = 0 then ${partner.id}::int else null end, now(), now()
    from generate_series(1, ${PUMPS}) i`)
  // Past alarms spread over a year; the last ACTIVE are still open, each on a pump and code of its own.
  await db.execute(sql`
    insert into alarms (pump_id, code, severity, text, raised_at, cleared_at, flaps, acknowledged_at, updated_at, created_at)
    select (select min(id) from pumps) + (i % ${PUMPS}), 'E' || (i / ${PUMPS}),
      (array['critical','major','minor','warning'])[1 + i % 4]::enum_alarms_severity, 'bench alarm',
      now() - make_interval(mins => (i % 525600)),
      case when i > ${ALARMS - ACTIVE} then null else now() - make_interval(mins => (i % 525600)) + interval '5 minutes' end,
      0, case when i % 3 = 0 then now() else null end, now(), now()
    from generate_series(1, ${ALARMS}) i`)
  // Each record carries its pump's partner, as the ingestion writes it (the partner's read filters on it).
  await db.execute(sql`
    update alarms a set pump_partner_id = p.responsible_partner_id
    from pumps p where p.id = a.pump_id and p.responsible_partner_id is not null`)
  await db.execute(sql`analyze pumps`)
  await db.execute(sql`analyze alarms`)
  console.log(`[bench] ${PUMPS} pumps, ${ALARMS} alarms seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)
  const admin = await payload.create({
    collection: 'users',
    data: { email: 'a@bench.local', password: 'bench-pass-1', role: 'admin' },
  })
  const partnerUser = await payload.create({
    collection: 'users',
    data: { email: 'p@bench.local', password: 'bench-pass-1', role: 'partner', partner: partner.id },
  })
  async function run(label: string, user: typeof admin, query: Record<string, string>) {
    const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
    const parsed = filters.parseConsoleFilters(query)
    await console_.readConsole(req, parsed)
    const times: number[] = []
    let rows = 0
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now()
      const result = await console_.readConsole(req, parsed)
      times.push(performance.now() - t)
      rows = result.rows.length
    }
    times.sort((a, b) => a - b)
    return { label, rows, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) }
  }
  const results = [
    await run('admin, active (first page)', admin, {}),
    await run('admin, active, critical, not acknowledged', admin, { severity: 'critical', ack: 'no' }),
    await run('admin, active and cleared in 7 days', admin, { state: 'recent' }),
    await run('admin, active, one partner', admin, { partner: String(partner.id) }),
    await run('partner (a quarter of the fleet), active', partnerUser, {}),
    await run('partner, active and cleared in 7 days', partnerUser, { state: 'recent' }),
  ]
  console.log(
    `\n${PUMPS.toLocaleString('en')} pumps, ${ALARMS.toLocaleString('en')} alarm records (${ACTIVE.toLocaleString('en')} active), ${RUNS} reads each\n`,
  )
  console.log('| console read (counts by severity + first page of 50) | rows | p50 | p95 | p99 |')
  console.log('|---|---|---|---|---|')
  const ms = (value: number) => `${value.toFixed(1)} ms`
  for (const r of results) console.log(`| ${r.label} | ${r.rows} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`)
  console.log(`\n${machineLine()}; database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}`)
  await closePayload(payload)
  await database.embedded?.stop()
  process.exit(0)
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
