// `npm run bench:factory`: the factory's targets (issue 15) through the REST handlers Next.js mounts: an import of
// 10,000 rows (check, create, secrets hashed, history; the app's peak RSS), the label PDF of those 10,000 pumps
// (streamed to the end), and a batch shipment of 1,000 pumps. A database of its own (`hp_bench_factory`, recreated).
// Options: --rows N (10000), --ship N (1000). Database: DATABASE_URL's server, else an embedded PostgreSQL.
import { exportToEnvironment, settings } from '../src/settings'
import { benchDatabase, machineLine } from './bench-support'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

const ROWS = option('rows', 10_000)
const SHIP = option('ship', 1000)
const PASSWORD = 'bench-factory-pass-1'

type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>

function iccid(n: number): string {
  const body = `8970199${String(n).padStart(12, '0')}`
  for (let digit = 0; digit < 10; digit++) {
    let sum = 0
    const digits = body + digit
    for (let i = 0; i < digits.length; i++) {
      let d = digits.charCodeAt(digits.length - 1 - i) - 48
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
      sum += d
    }
    if (sum % 10 === 0) return digits
  }
  throw new Error('unreachable')
}

/** Peak RSS while `work` runs, sampled every 20 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const started = performance.now()
  try {
    const result = await work()
    return { result, seconds: (performance.now() - started) / 1000, peakMb: Math.round(peak / 1024 / 1024) }
  } finally {
    clearInterval(timer)
  }
}

async function main(): Promise<void> {
  const database = await benchDatabase('hp_bench_factory')
  exportToEnvironment({ databaseUrl: database.url, payloadSecret: settings.payloadSecret ?? 'bench-secret' })
  const [{ getPayload }, { default: config }, { applyMigrations }, { closePayload }, routes] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('../src/services/migrations'),
    import('../src/services/close'),
    import('@payloadcms/next/routes'),
  ])
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  const post = routes.REST_POST(config) as Handler
  const get = routes.REST_GET(config) as Handler
  const call = async (handler: Handler, path: string, init: RequestInit) => {
    const url = new URL(`http://localhost:3000${path}`)
    const slug = url.pathname.replace(/^\/api\//, '').split('/')
    return handler(new Request(url, init), { params: Promise.resolve({ slug }) })
  }
  await payload.create({ collection: 'models', data: { name: 'Bench model', code: 'BENCH-12' } })
  const email = 'bench-factory@bench.local'
  await payload.create({ collection: 'users', data: { email, password: PASSWORD, name: 'Bench', role: 'service' } })
  const login = await call(post, '/api/users/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  const auth = { Authorization: `JWT ${((await login.json()) as { token: string }).token}` }

  const lines = ['serial;model;iccid;production date']
  for (let i = 1; i <= ROWS; i++) lines.push(`FB-${String(i).padStart(6, '0')};BENCH-12;${iccid(i)};2026-11-28`)
  const form = new FormData()
  form.set('file', new Blob([lines.join('\r\n')]), 'bench.csv')
  form.set('password', PASSWORD)
  const rssBefore = Math.round(process.memoryUsage().rss / 1024 / 1024)
  const imported = await measured(async () => {
    const response = await call(post, '/api/pumps/import', { method: 'POST', headers: auth, body: form })
    if (response.status !== 200) throw new Error(`import: ${response.status} ${await response.text()}`)
    const answer = (await response.json()) as { created: number; labels: string }
    if (answer.created !== ROWS) throw new Error(`import created ${answer.created} of ${ROWS}`)
    return answer
  })
  const pdf = await measured(async () => {
    const response = await call(get, imported.result.labels, { headers: auth })
    if (response.status !== 200) throw new Error(`labels: ${response.status}`)
    let bytes = 0
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length
    return bytes
  })
  const serials = Array.from({ length: SHIP }, (_, i) => `FB-${String(i + 1).padStart(6, '0')}`)
  const batch = (to: string, data: Record<string, string>) =>
    call(post, '/api/pumps/batch', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD, serials, to, data }),
    })
  const release = await batch('released', {})
  if (release.status !== 200) throw new Error(`release: ${release.status} ${await release.text()}`)
  const ship = await measured(async () => {
    const response = await batch('shipped', { consignee: 'Bench consignee', waybillNumber: 'WB-1' })
    if (response.status !== 200) throw new Error(`ship: ${response.status} ${await response.text()}`)
    return response.json()
  })

  console.log('\n| operation | size | time | target | app peak RSS |')
  console.log('|---|---|---|---|---|')
  console.log(
    `| import (check, create, secrets, history) | ${ROWS.toLocaleString('en')} rows | ${imported.seconds.toFixed(1)} s | ≤ 60 s, ≤ 500 MB | ${imported.peakMb} MB (${rssBefore} MB before) |`,
  )
  console.log(
    `| label PDF (A4 3×8, streamed) | ${ROWS.toLocaleString('en')} labels, ${(pdf.result / 1024 / 1024).toFixed(1)} MB | ${pdf.seconds.toFixed(1)} s | ≤ 30 s | ${pdf.peakMb} MB |`,
  )
  console.log(
    `| batch shipment | ${SHIP.toLocaleString('en')} pumps | ${ship.seconds.toFixed(2)} s | ≤ 10 s | ${ship.peakMb} MB |`,
  )
  console.log(`\n${machineLine()}; database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}`)
  await closePayload(payload)
  await database.embedded?.stop()
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
