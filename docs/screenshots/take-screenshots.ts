// Takes the documentation screenshots from a running server that has the demo data (SEED_DEMO=1), and, when
// `npm run simulate` has run against it, a simulated modem's card.
//
//   PORT=3300 SEED_DEMO=1 DATA_DIR=/tmp/shots-data EMBEDDED_POSTGRES_PORT=54340 npx tsx src/start.ts   # one shell
//   BASE_URL=http://127.0.0.1:3300 npx tsx docs/screenshots/take-screenshots.ts                        # another
//
// Environment: BASE_URL (default http://127.0.0.1:3000), CHROMIUM_PATH (default /usr/bin/chromium),
// OUT_DIR (default: this folder). Logs in as the demo administrator with a ru-RU browser.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium, type Page } from 'playwright-core'

import { CHROMIUM_ARGS } from '../../test/support/chromium'

const baseUrl = (process.env.BASE_URL || 'http://127.0.0.1:3000').replace(/\/$/, '')
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const outDir = process.env.OUT_DIR || path.dirname(fileURLToPath(import.meta.url))

const ADMIN = { email: 'admin@demo.local', password: 'demo-admin-1' }
/** The demo pump 'in_operation' (src/seed/demo.ts): installed, with an owner and a partner (online once simulated). */
const PUMP_SERIAL = 'HP-2026-00005'
/** The demo pump 'released': its dialog asks for the shipment data. */
const RELEASED_SERIAL = 'HP-2026-00003'

async function login(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`)
  await page.locator('form input[name="email"]').fill(ADMIN.email)
  await page.locator('form input[name="password"]').fill(ADMIN.password)
  await page.locator('form button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'))
}

async function pumpId(page: Page, serial: string): Promise<string | number> {
  // The browser's session cookie authenticates the REST call.
  const response = await page.request.get(`${baseUrl}/api/pumps?where[serial][equals]=${serial}&depth=0&limit=1`)
  const body = await response.json()
  const id = body?.docs?.[0]?.id
  if (id === undefined) throw new Error(`no pump ${serial} (${response.status()}): is SEED_DEMO=1 data there?`)
  return id
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  })
  try {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 1000 } })
    const page = await context.newPage()
    await login(page)

    const id = await pumpId(page, PUMP_SERIAL)
    await page.goto(`${baseUrl}/admin/collections/pumps/${id}`)
    await page.locator('input[name="serial"]').waitFor({ state: 'visible' })
    await page.waitForLoadState('networkidle')
    const file = path.join(outDir, 'pump-card-ru.png')
    await page.screenshot({ path: file, fullPage: true })
    console.log(`wrote ${file}`)

    await page.goto(`${baseUrl}/admin/collections/pumps/${await pumpId(page, RELEASED_SERIAL)}`)
    await page.getByRole('button', { name: 'Следующий статус: Отгружен' }).click()
    await page.locator('dialog.status-transition__dialog').waitFor({ state: 'visible' })
    await page.locator('dialog input[name="data.consignee"]').fill('ООО «Тепло-Монтаж»')
    const dialogFile = path.join(outDir, 'status-dialog-ru.png')
    await page.screenshot({ path: dialogFile })
    console.log(`wrote ${dialogFile}`)

    // With `npm run simulate` run first: a simulated modem's card, with its connection and alarm history.
    const simulated = await page.request.get(`${baseUrl}/api/pumps?where[serial][equals]=SIM-00001&depth=0&limit=1`)
    const simulatedId = (await simulated.json())?.docs?.[0]?.id
    if (simulatedId !== undefined) {
      await page.goto(`${baseUrl}/admin/collections/pumps/${simulatedId}`)
      await page.locator('input[name="serial"]').waitFor({ state: 'visible' })
      await page.waitForLoadState('networkidle')
      const modemFile = path.join(outDir, 'pump-modem-ru.png')
      await page.screenshot({ path: modemFile, fullPage: true })
      console.log(`wrote ${modemFile}`)
    }
  } finally {
    await browser.close()
  }
}

main().catch((error: Error) => {
  console.error(error)
  process.exit(1)
})
