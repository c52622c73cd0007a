// `npm run bench:fleet-browser`: what bench:fleet cannot time in-process (issue 14), on the fleet it generated and
// kept (`npm run bench:fleet -- --keep --database NAME`): the real server (`npm start`), Chromium's navigation →
// first pump row visible on the admin's pump list (and the dashboard), and the server's memory while one client
// downloads the whole fleet as CSV.
//
// Options: --database NAME (hp_bench_fleet), --runs N (10 per page), --no-export, --export-only (no Chromium pages),
// --export-query QUERY (a list filter for the export, e.g. 'where[status][in]=in_service,decommissioned'; default
// the whole fleet). Needs DATABASE_URL (the server
// holding the kept database) and Chromium (CHROMIUM_PATH, else /usr/bin/chromium).
import { spawn } from 'node:child_process'
import fs from 'node:fs'

import { chromium, type Page } from 'playwright-core'

import { freePort } from '../src/runtime/ports'
import { rootDirOf } from '../src/services/root'
import { settings } from '../src/settings'
import { CHROMIUM_ARGS } from '../test/support/chromium'
import { machineLine, numericOption } from './bench-support'

const DATABASE = process.argv.includes('--database')
  ? process.argv[process.argv.indexOf('--database') + 1]
  : 'hp_bench_fleet'
const RUNS = numericOption('runs', 10)
const EXPORT_QUERY = process.argv.includes('--export-query')
  ? process.argv[process.argv.indexOf('--export-query') + 1]
  : ''
const PASSWORD = 'bench-fleet-pass-1'
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (file) => file && fs.existsSync(file),
)

type Row = { label: string; p50: number; p95: number; max: number; note: string }
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]

/** The server's resident memory (the node process `npm start` runs), from /proc. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/** The node flags `npm start` runs the server with, from package.json (and a heap cap if asked for). */
function startFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(`${rootDirOf()}/package.json`, 'utf8')) as { scripts: { start: string } })
    .scripts
  const flags = scripts.start.split(/\s+/).filter((word) => word.startsWith('--'))
  // BENCH_SERVER_HEAP_MB=256: the server's old space capped, as a deployment sets it with NODE_OPTIONS.
  const heap = process.env.BENCH_SERVER_HEAP_MB
  return heap ? [`--max-old-space-size=${Number(heap)}`, ...flags] : flags
}

async function startServer(databaseUrl: string) {
  const port = await freePort()
  const { NODE_OPTIONS: _options, NODE_ENV: _env, ...inherited } = process.env
  const proc = spawn(process.execPath, [...startFlags(), 'scripts/run.js', 'src/start.ts'], {
    cwd: rootDirOf(),
    // As `npm start` runs it (not this script's NODE_ENV); Next's types insist on NODE_ENV, left out on purpose.
    env: {
      ...inherited,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      MQTT_INGEST: 'off',
      NEXT_TELEMETRY_DISABLED: '1',
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  for (let waited = 0; ; waited += 1) {
    if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}`)
    if (waited > 600) throw new Error('the server did not become healthy within 10 minutes')
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    )
    if (healthy) break
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  return { url, pid: proc.pid!, stop: () => proc.kill('SIGTERM') }
}

async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (response.status !== 200) throw new Error(`login of ${email}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}

/** Navigation start → the first element matching `selector` in the page (a MutationObserver notes the moment). */
async function navigationTo(page: Page, href: string, selector: string): Promise<number> {
  await page.goto(href, { waitUntil: 'commit' })
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 })
  return page.evaluate(() => (window as unknown as { __seenAt?: number }).__seenAt ?? performance.now())
}

async function timePage(page: Page, label: string, href: string, selector: string): Promise<Row> {
  await page.addInitScript((wanted: string) => {
    const observer = new MutationObserver(() => {
      const holder = window as unknown as { __seenAt?: number }
      if (holder.__seenAt === undefined && document.querySelector(wanted)) {
        holder.__seenAt = performance.now()
        observer.disconnect()
      }
    })
    observer.observe(document, { childList: true, subtree: true })
  }, selector)
  const times: number[] = []
  for (let i = 0; i < RUNS + 2; i += 1) {
    const ms = await navigationTo(page, href, selector)
    if (i >= 2) times.push(ms)
  }
  times.sort((a, b) => a - b)
  const rows = await page.locator('.table tbody tr').count()
  return {
    label,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1],
    note: rows ? `${rows} rows` : '',
  }
}

/** The whole fleet as CSV through HTTP, read to the end by one client: rows, time, the server's RSS before and at
 * its peak. */
async function exportProbe(url: string, token: string, pid: number): Promise<string> {
  const before = rssMb(pid)
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100)
  const started = performance.now()
  const response = await fetch(`${url}/api/pumps/export?${EXPORT_QUERY}`, {
    headers: { Authorization: `JWT ${token}` },
  })
  let lines = 0
  let reported = 0
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (const byte of chunk) if (byte === 10) lines += 1
    // A line per 100,000 rows, so that a run stopped early still says how far it got and at what memory.
    if (lines - reported >= 100_000) {
      reported = lines
      const seconds = ((performance.now() - started) / 1000).toFixed(0)
      console.log(`[export] ${lines.toLocaleString('en')} rows, ${seconds} s, peak RSS ${Math.round(peak)} MB`)
    }
  }
  clearInterval(timer)
  const seconds = (performance.now() - started) / 1000
  return `Staff CSV export of ${EXPORT_QUERY || 'the whole fleet'} over HTTP: ${(lines - 1).toLocaleString('en')} rows in ${seconds.toFixed(0)} s (${Math.round((lines - 1) / seconds).toLocaleString('en')} rows/s); the server's RSS ${Math.round(before)} MB before, peak ${Math.round(peak)} MB`
}

function printPages(rows: Row[]): void {
  console.log(
    `\n${DATABASE}: Chromium (headless), navigation → first row (figure) in the page; ${RUNS} runs each after 2 warm-ups\n`,
  )
  console.log('| page | p50 | p95 | max | note |')
  console.log('|---|---|---|---|---|')
  const ms = (value: number) => `${value.toFixed(0)} ms`
  for (const r of rows) console.log(`| ${r.label} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.note} |`)
  console.log(`\n${machineLine()}; database: DATABASE_URL server\n`)
}

async function main(): Promise<void> {
  if (!settings.databaseUrl) throw new Error('DATABASE_URL: the server holding the kept bench:fleet database')
  if (!CHROMIUM) throw new Error('no Chromium: set CHROMIUM_PATH')
  const databaseUrl = new URL(settings.databaseUrl)
  databaseUrl.pathname = `/${DATABASE}`
  const server = await startServer(databaseUrl.toString())
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    const rows: Row[] = []
    for (const [who, email] of process.argv.includes('--export-only')
      ? []
      : ([
          ['admin', 'bench-admin@bench.local'],
          ['partner', 'bench-partner@bench.local'],
        ] as const)) {
      const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 900 } })
      await context.addCookies([{ name: 'payload-token', value: await login(server.url, email), url: server.url }])
      const page = await context.newPage()
      const list = `${server.url}/admin/collections/pumps`
      rows.push(await timePage(page, `${who}: pump list page`, list, '.table tbody tr'))
      rows.push(await timePage(page, `${who}: …sorted by last data`, `${list}?sort=-lastDataAt`, '.table tbody tr'))
      rows.push(await timePage(page, `${who}: dashboard (admin home)`, `${server.url}/admin`, '.fleet-figure'))
      await context.close()
    }
    if (rows.length) printPages(rows)
    const exported = process.argv.includes('--no-export')
      ? 'export not run (--no-export)'
      : await exportProbe(server.url, await login(server.url, 'bench-admin@bench.local'), server.pid)
    console.log(`\n${exported}\n\n${machineLine()}`)
  } finally {
    await browser.close()
    server.stop()
  }
  process.exit(0)
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
