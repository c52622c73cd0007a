// The fleet overview on the admin's home in Chromium (issue 14), in Russian and English: its figures are there, and
// a figure's link opens the pump list filtered to exactly the pumps it counts. Screenshots go to SCREENSHOT_DIR
// when it is set, else to the temp folder.
import os from 'node:os'
import path from 'node:path'

import { ADMIN, PRODUCED_SERIAL } from './admin-fixture'
import {
  browserRequired,
  chromiumPath,
  expectVisible,
  noChromiumMessage,
  page,
  signedInAs,
  UI_TIMEOUT,
  useAdminBrowser,
} from './admin-session'

const shotDir = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : os.tmpdir()

const WORDS = {
  'ru-RU': { title: 'Парк насосов', produced: 'Произведен', health: 'Связь и неполадки', region: 'Регион установки' },
  'en-US': {
    title: 'Fleet at a glance',
    produced: 'Produced',
    health: 'Connection and trouble',
    region: 'Region of installation',
  },
} as const

async function followProducedFigure(locale: keyof typeof WORDS) {
  const words = WORDS[locale]
  await page.goto(page.url().replace(/\/admin.*$/, '/admin'))
  await expectVisible(page, '.fleet-dashboard h2', 'the overview title', words.title)
  await expectVisible(page, '.fleet-dashboard', 'the connection figures', words.health)
  const figure = page.locator('a.fleet-figure', { hasText: words.produced })
  await figure.waitFor({ state: 'visible', timeout: UI_TIMEOUT })
  const counted = Number((await figure.locator('.fleet-figure__count').textContent())?.replace(/\D/g, ''))
  expect(counted).toBeGreaterThan(0)
  await page.screenshot({ path: path.join(shotDir, `fleet-dashboard-${locale}.png`), fullPage: true })
  await figure.click()
  await page.waitForURL(/\/admin\/collections\/pumps\?.*status/)
  await expectVisible(page, '.table', 'the filtered pump list', PRODUCED_SERIAL)
  const rows = page.locator('.table tbody tr')
  expect(await rows.count()).toBe(Math.min(counted, 10))
  for (const status of await page.locator('.table tbody td.cell-status').allTextContents())
    expect(status.trim()).toBe(words.produced)
  // Online and status as badges, never true/false; the region and alarm columns are there.
  expect(await page.locator('.table tbody .status-badge').count()).toBe(await rows.count())
  expect(await page.locator('.table tbody .online-badge').count()).toBe(await rows.count())
  expect(await page.locator('.table tbody').textContent()).not.toMatch(/\b(true|false|правда|ложь)\b/i)
  await expectVisible(page, '.table thead', 'the region column', words.region)
  await page.screenshot({ path: path.join(shotDir, `fleet-list-produced-${locale}.png`), fullPage: true })
}

if (!chromiumPath && browserRequired) {
  describe('fleet overview in a browser', () => {
    it('needs a Chromium executable (REQUIRE_BROWSER=1)', () => {
      throw new Error(`REQUIRE_BROWSER=1 but ${noChromiumMessage}`)
    })
  })
} else {
  const describeWithBrowser = chromiumPath ? describe : describe.skip

  describeWithBrowser('fleet overview in a browser', () => {
    useAdminBrowser()

    it.each(['ru-RU', 'en-US'] as const)(
      'shows the figures in %s and a figure opens its filtered list',
      async (locale) => {
        await signedInAs(ADMIN, `fleet-${locale}`, () => followProducedFigure(locale), locale)
      },
    )
  })
}
