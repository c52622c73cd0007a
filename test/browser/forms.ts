// What every browser test does with a server-rendered admin form: wait until React has hydrated it (on a busy
// machine a click before that is a native submit that reloads the empty form), log in, keep a page that went wrong.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'

import { UI_TIMEOUT } from './admin-session'

/** Waits until React has hydrated the element (its DOM node carries React's props): typing before that is lost. */
export async function hydrated(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (target) => {
      const element = document.querySelector(target)
      return Boolean(element) && Object.keys(element!).some((key) => key.startsWith('__reactProps$'))
    },
    selector,
    { timeout: 60_000 },
  )
}

/** Keeps the page as it is (screenshot and HTML in the temp folder) and says where, for a step that did not finish. */
export async function keepPage(page: Page, name: string): Promise<string> {
  const file = path.join(os.tmpdir(), `hp-${name}-${Date.now()}`)
  await page.screenshot({ path: `${file}.png`, fullPage: true }).catch(() => {})
  fs.writeFileSync(`${file}.html`, await page.content().catch(() => ''))
  return `${file}.png/.html`
}

/**
 * Fills a hydrated form by `fill()` and submits it until the page leaves it (`left(url)`); once more if the page
 * still shows the form after 30 s, keeping the page for diagnosis.
 */
export async function submitUntilLeft(
  page: Page,
  name: string,
  fill: () => Promise<void>,
  left: (url: URL) => boolean,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await hydrated(page, 'form button[type="submit"]')
    await fill()
    await page.locator('form button[type="submit"]').click()
    try {
      await page.waitForURL(left, { timeout: 30_000 })
      return
    } catch (error) {
      const kept = await keepPage(page, name)
      console.log(`[${name}] still on the form after submitting (attempt ${attempt}; page kept in ${kept})`)
      if (attempt === 2) throw error
      if (left(new URL(page.url()))) return
    }
  }
}

/** Logs in through the admin's login form and waits for the page after it. */
export async function logIn(page: Page, baseUrl: string, account: { email: string; password: string }) {
  await page.goto(`${baseUrl}/admin/login`)
  await submitUntilLeft(
    page,
    'login',
    async () => {
      await page.locator('form input[name="email"]').fill(account.email)
      await page.locator('form input[name="password"]').fill(account.password)
    },
    (url) => url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/login'),
  )
}

/** A fresh browser context in `locale` (Moscow time, a wide window), logged in as `account`. */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  account: { email: string; password: string },
  locale: 'ru-RU' | 'en-US',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale,
    timezoneId: 'Europe/Moscow',
    viewport: { width: 1440, height: 1000 },
  })
  context.setDefaultTimeout(UI_TIMEOUT)
  const page = await context.newPage()
  await logIn(page, baseUrl, account)
  return { context, page }
}
