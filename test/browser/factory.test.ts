// The factory page (/admin/factory) in Chromium on the real server, in Russian and in English: a staff member
// imports a file (a refused one lists its rows' problems; a good one offers the label PDF and the flashing file,
// each downloadable once), then ships the imported pumps in a batch and sees a refused batch name the pumps.
// A database of its own, so it does not meet the admin test's fixture. Screenshots: SCREENSHOT_DIR or the temp folder.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'

import { freePort } from '../../src/runtime/ports'
import { iccid } from '../api/factory-support'
import { CHROMIUM_ARGS } from '../support/chromium'
import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database'
import { browserRequired, chromiumPath, offlineContext, SERVER_START_TIMEOUT, UI_TIMEOUT } from './admin-session'
import { ServerProcess } from './server-process'
import { logIn } from './forms'

const shotDir = process.env.SCREENSHOT_DIR
  ? path.resolve(process.env.SCREENSHOT_DIR)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'hp-factory-'))
const STAFF = { email: 'factory-admin@factory.local', password: 'factory-admin-pass-1' }

const WORDS = {
  ru: {
    import: 'Импортировать',
    badRow: 'Строка 3, столбец «модель»: Нет модели с кодом «NOPE»',
    imported: 'Импортировано насосов: 2',
    move: 'Перевести все',
    moved: 'Насосов переведено в «Выпущен»: 2',
    refused: 'ничего не изменено',
    selected: 'Перевести выбранные насосы пакетом (2)',
    shipped: 'Насосов переведено в «Отгружен»: 2',
  },
  en: {
    import: 'Import',
    badRow: 'Row 3, column "model": No model with the code "NOPE"',
    imported: 'Imported 2 pumps',
    move: 'Move all',
    moved: '2 pumps moved to "Released"',
    refused: 'nothing was moved',
    selected: 'Move the 2 selected pump(s) in a batch',
    shipped: '2 pumps moved to "Shipped"',
  },
} as const

const describeWithBrowser = chromiumPath || browserRequired ? describe : describe.skip

describeWithBrowser('the factory page in a browser', () => {
  let database: FreshDatabase
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium executable found (see admin-session.ts)')
    database = await createFreshDatabase('hp_factory_browser')
    server = new ServerProcess(await freePort(), {
      name: 'factory',
      env: {
        DATABASE_URL: database.url,
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'hp-factory-data-')),
        MQTT_INGEST: 'off',
        SEED_DEMO: undefined,
        MQTT_URL: undefined,
      },
    })
    await server.waitUntilHealthy(SERVER_START_TIMEOUT)
    const api = (route: string, body: unknown, token?: string) =>
      fetch(`${server.url}/api${route}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }))
    const first = await api('/users/first-register', { ...STAFF, name: 'Заводской Админ' })
    expect(first.status).toBe(200)
    const token = (await api('/users/login', STAFF)).body.token as string
    expect((await api('/models', { name: 'Aero 9', code: 'F-AERO-9' }, token)).status).toBe(201)
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
  }, SERVER_START_TIMEOUT + 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await database?.drop()
    console.log(`[factory browser test] screenshots in ${shotDir}; server log ${server?.logFile}`)
  }, 60_000)

  async function signIn(language: 'ru' | 'en'): Promise<Page> {
    const locale = language === 'ru' ? 'ru-RU' : 'en-US'
    const context = await offlineContext(browser, server.url, { locale, timezoneId: 'Europe/Moscow' }, () => {})
    const page = await context.newPage()
    await logIn(page, server.url, STAFF)
    await page.goto(`${server.url}/admin/factory`)
    await page.locator('.factory-import form').waitFor({ timeout: UI_TIMEOUT })
    return page
  }

  async function importFile(page: Page, language: 'ru' | 'en', rows: string[][]) {
    const text = ['serial;model;iccid;production date', ...rows.map((row) => row.join(';'))].join('\n')
    const form = page.locator('.factory-import form')
    await form
      .locator('input[name="file"]')
      .setInputFiles({ name: 'pumps.csv', mimeType: 'text/csv', buffer: Buffer.from(text) })
    await form.locator('input[name="password"]').fill(STAFF.password)
    await form.getByRole('button', { name: WORDS[language].import }).click()
  }

  async function batch(page: Page, language: 'ru' | 'en', serials: string[], to: string) {
    const form = page.locator('.factory-batch form')
    await form.locator('textarea[name="serials"]').fill(serials.join('\n'))
    await form.locator('select[name="to"]').selectOption(to)
    await form.locator('input[name="password"]').fill(STAFF.password)
    await form.getByRole('button', { name: WORDS[language].move }).click()
  }

  /** Ticks the pumps in the pump list, follows the link to the batch form (serials filled in) and ships them. */
  async function shipSelectedInList(page: Page, language: 'ru' | 'en', serials: string[]) {
    // With the interface language as the content locale, the list is not asked for again while rows are ticked.
    await page.goto(`${server.url}/admin/collections/pumps?limit=50&locale=${language}`)
    for (const serial of serials) {
      await page.locator('tr', { hasText: serial }).locator('input[type="checkbox"]').check({ timeout: UI_TIMEOUT })
    }
    await page.locator('a.pumps-batch-selected', { hasText: WORDS[language].selected }).click()
    const form = page.locator('.factory-batch form')
    const textarea = form.locator('textarea[name="serials"]')
    await page.waitForFunction(
      (count) =>
        (document.querySelector('.factory-batch textarea') as HTMLTextAreaElement | null)?.value.split('\n').length ===
        count,
      serials.length,
      { timeout: UI_TIMEOUT },
    )
    expect((await textarea.inputValue()).split('\n').sort()).toEqual([...serials].sort())
    await form.locator('select[name="to"]').selectOption('shipped')
    await form.locator('input[name="consignee"]').fill('ООО «Тепло»')
    await form.locator('input[name="waybillNumber"]').fill(`WB-${language}`)
    await form.locator('input[name="password"]').fill(STAFF.password)
    await form.getByRole('button', { name: WORDS[language].move }).click()
    await page.locator('.factory-batch__done', { hasText: WORDS[language].shipped }).waitFor({ timeout: UI_TIMEOUT })
  }

  for (const language of ['ru', 'en'] as const) {
    it(`imports a file and moves the pumps in a batch (${language})`, async () => {
      const page = await signIn(language)
      const words = WORDS[language]
      const serials = [`HP-F-${language.toUpperCase()}-1`, `HP-F-${language.toUpperCase()}-2`]
      const offset = language === 'ru' ? 0 : 10
      // A file with a bad row: nothing is imported, the row and column are named.
      await importFile(page, language, [
        [serials[0], 'F-AERO-9', iccid(offset + 1), '28.11.2026'],
        [serials[1], 'NOPE', iccid(offset + 2), '28.11.2026'],
      ])
      await page.locator('.factory-import__problems', { hasText: words.badRow }).waitFor({ timeout: UI_TIMEOUT })
      await page.screenshot({ path: path.join(shotDir, `factory-import-refused-${language}.png`), fullPage: true })
      // The corrected file: the downloads are offered, each once.
      await importFile(page, language, [
        [serials[0], 'F-AERO-9', iccid(offset + 1), '28.11.2026'],
        [serials[1], 'F-AERO-9', iccid(offset + 2), '28.11.2026'],
      ])
      await page.locator('.factory-import__done', { hasText: words.imported }).waitFor({ timeout: UI_TIMEOUT })
      await page.locator('select[name="format"]').selectOption('single-58x40')
      await page.screenshot({ path: path.join(shotDir, `factory-import-done-${language}.png`), fullPage: true })
      const href = await page.locator('a.factory-import__labels').getAttribute('href')
      expect(href).toMatch(/format=single-58x40$/)
      const fetchStatus = (link: string) =>
        page.evaluate(async (url) => {
          const response = await fetch(url, { credentials: 'include' })
          return `${response.status} ${response.headers.get('content-type')}`
        }, link)
      expect(await fetchStatus(href!)).toBe('200 application/pdf')
      expect(await fetchStatus(href!)).toMatch(/^410 /)
      const flashing = await page.locator('a.factory-import__flashing').getAttribute('href')
      expect(await fetchStatus(flashing!)).toBe('200 text/csv; charset=utf-8')
      // The batch: both released with one password; the same batch again is refused, naming each pump.
      await batch(page, language, serials, 'released')
      await page.locator('.factory-batch__done', { hasText: words.moved }).waitFor({ timeout: UI_TIMEOUT })
      await page.screenshot({ path: path.join(shotDir, `factory-batch-done-${language}.png`), fullPage: true })
      await batch(page, language, serials, 'released')
      const problems = page.locator('.factory-batch__problems', { hasText: words.refused })
      await problems.waitFor({ timeout: UI_TIMEOUT })
      expect(await problems.textContent()).toContain(serials[1])
      await page.screenshot({ path: path.join(shotDir, `factory-batch-refused-${language}.png`), fullPage: true })
      await shipSelectedInList(page, language, serials)
      await page.context().close()
    })
  }
})
