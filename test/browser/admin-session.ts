// The browser session of the admin test: Chromium (found, or the suite skipped or failed), the real server on the
// run's test database, one page shared by the steps, `step` (a screenshot on failure) and `signedInAs` (a context
// of its own). `server`, `page` and `fixture` are live ES module bindings, set by the hooks `useAdminBrowser()`
// registers: read them inside tests, not at import time.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'

import { buildIsCurrent } from '../../src/runtime/build'
import { freePort } from '../../src/runtime/ports'
import { CHROMIUM_ARGS } from '../support/chromium'
import { createFixture, type Fixture } from './admin-fixture'
import { rootDir, ServerProcess } from './server-process'
import { logIn } from './forms'

/** `next build` on 2 cores takes about 1.5 minutes; leave room for a slow machine. */
export const SERVER_START_TIMEOUT = 240_000
export const UI_TIMEOUT = 30_000

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

const chromiumCandidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (candidate): candidate is string => Boolean(candidate),
)
export const chromiumPath = chromiumCandidates.find(isExecutable)
export const browserRequired = process.env.REQUIRE_BROWSER === '1'
export const noChromiumMessage =
  `no Chromium executable found (looked at ${chromiumCandidates.join(', ')}; ` +
  'set CHROMIUM_PATH=<path> or install Debian\'s "chromium" package)'

if (!chromiumPath && !browserRequired) {
  console.warn(`[browser test] SKIPPED: ${noChromiumMessage}. Set REQUIRE_BROWSER=1 to make this an error.`)
}
if (chromiumPath && process.env.CHROMIUM_PATH && chromiumPath !== process.env.CHROMIUM_PATH) {
  console.warn(
    `[browser test] CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file: using ${chromiumPath}`,
  )
}

/** Fails with the text it was looking for; `locator.waitFor` alone says only "timeout". */
export async function expectVisible(page: Page, selector: string, what: string, hasText?: string | RegExp) {
  const locator = hasText === undefined ? page.locator(selector) : page.locator(selector, { hasText })
  try {
    await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT })
  } catch (error) {
    throw new Error(`${what} is not visible on ${page.url()} (${selector}${hasText ? ` with "${hasText}"` : ''})`, {
      cause: error,
    })
  }
}

/**
 * A browser context as staff have it: a 1440 × 1000 window in the locale and time zone given, and, since a back office
 * runs on an intranet, whatever the admin panel fetches from other hosts refused (and reported to `blocked`), so the
 * test sees what staff without internet access see, with or without a network here.
 */
export async function offlineContext(
  browser: Browser,
  serverUrl: string,
  options: { locale: 'ru-RU' | 'en-US'; timezoneId?: string },
  blocked: (url: string) => void,
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, viewport: { width: 1440, height: 1000 } })
  context.setDefaultTimeout(UI_TIMEOUT)
  context.setDefaultNavigationTimeout(60_000)
  const origin = new URL(serverUrl).origin
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      blocked(route.request().url())
      return route.abort('internetdisconnected')
    },
  )
  return context
}

export let server: ServerProcess | undefined
let browser: Browser | undefined
let context: BrowserContext | undefined
export let page: Page
export let fixture: Fixture
const pageErrors: string[] = []
const consoleErrors: string[] = []
const blockedRequests: string[] = []
let startedAt = Date.now()

/** Creates the fixture, starts the server and Chromium before the describe's tests; stops them after. */
export function useAdminBrowser(): void {
  beforeAll(async () => {
    startedAt = Date.now()
    if (!buildIsCurrent(rootDir)) {
      console.log('[browser test] .next is older than the sources: the server runs `next build` first (1-2 minutes)')
    }
    fixture = await createFixture()
    server = new ServerProcess(await freePort())
    await server.waitUntilHealthy(SERVER_START_TIMEOUT)
    console.log(`[browser test] server on ${server.url} up after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)

    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
    context = await offlineContext(browser, server.url, { locale: 'ru-RU' }, (url) => blockedRequests.push(url))
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`)
    })
  }, SERVER_START_TIMEOUT + 60_000)

  afterAll(async () => {
    let stopSeconds = ''
    try {
      await context?.close()
      await browser?.close()
    } finally {
      const stopping = Date.now()
      await server?.stop()
      stopSeconds = ((Date.now() - stopping) / 1000).toFixed(1)
    }
    // One message, not one per console call (jest prints a code frame with each).
    const notes: string[] = []
    if (pageErrors.length) notes.push(`uncaught errors in the page:\n  ${pageErrors.join('\n  ')}`)
    if (blockedRequests.length) {
      const hosts = [...new Set(blockedRequests.map((url) => new URL(url).host))]
      notes.push(`requests to other hosts were blocked: ${hosts.join(', ')}`)
    }
    // Blocked requests already have their line above.
    const otherConsoleErrors = consoleErrors.filter((line) => !line.includes('net::ERR_INTERNET_DISCONNECTED'))
    if (otherConsoleErrors.length) notes.push(`console errors:\n  ${otherConsoleErrors.join('\n  ')}`)
    if (server && /\berror\b/i.test(server.output)) notes.push(`the server log mentions errors: see ${server.logFile}`)
    notes.push(`server stopped in ${stopSeconds} s; done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
    console.log(`[browser test] ${notes.join('\n[browser test] ')}`)
  }, 60_000)
}

/**
 * Runs a step; on failure keeps a screenshot in the temp folder and names it in the error. An uncaught error
 * in the page fails the step too.
 */
export async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body()
    expect(pageErrors).toEqual([])
  } catch (error) {
    const file = path.join(os.tmpdir(), `hp-browser-${name.replace(/\W+/g, '-')}-${Date.now()}.png`)
    await page?.screenshot({ path: file, fullPage: true }).catch(() => {})
    ;(error as Error).message += `\n(screenshot: ${file}; server log: ${server?.logFile})`
    throw error
  }
}

/** Runs a step in a browser context of its own, signed in as `account`. */
export async function signedInAs(
  account: { email: string; password: string },
  name: string,
  body: () => Promise<void>,
  locale: 'ru-RU' | 'en-US' = 'ru-RU',
  timezoneId = 'Europe/Moscow',
) {
  const context = await browser!.newContext({ locale, timezoneId, viewport: { width: 1440, height: 1000 } })
  const previousPage = page
  page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
  try {
    await step(name, async () => {
      await logIn(page, server!.url, account)
      await body()
    })
  } finally {
    page = previousPage
    await context.close()
  }
}
