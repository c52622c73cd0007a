// The admin panel in a real browser: the real server (src/start.ts, as `npm start` runs it) on the run's
// test database, Chromium driven by playwright-core, the UI in Russian.
//
// Needs a Chromium executable: CHROMIUM_PATH, else /usr/bin/chromium, else /usr/bin/chromium-browser.
// Without one the suite is skipped with a message, unless REQUIRE_BROWSER=1 (CI), which makes it fail.
// The first start after source changes runs `next build` (src/runtime/build.ts), hence the long timeouts.
// The test writes nothing into the repository (src/start.ts itself may refresh .next): the server's log and
// failure screenshots go to os.tmpdir().
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { buildIsCurrent } from '../../src/runtime/build'
import { importStatus } from '../../src/services/lifecycle'
import { CHROMIUM_ARGS } from '../support/chromium'
import { closePayload, startPayload } from '../support/payload'
import { freePort } from '../../src/runtime/ports'
import { checkLiveRefresh } from './live-card'
import { checkNoModels, walkLifecycle, type Language } from './lifecycle-walk'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

const ADMIN = { email: 'browser-admin@test.local', password: 'browser-admin-pass-1', name: 'Браузерный Админ' }
const SERIAL = 'HP-BROWSER-1'
const ENGINEER = { email: 'browser-service@test.local', password: 'browser-service-pass-1', name: 'Сервисный Инженер' }
const PRODUCED_SERIAL = 'HP-BROWSER-2'
const PARTNER = { email: 'browser-partner@test.local', password: 'browser-partner-pass-1', name: 'Монтажник Браузерный' }
const UNCLAIMED = { serial: 'HP-BROWSER-3', password: 'label-pass-3' }

/** `next build` on 2 cores takes about 1.5 minutes; leave room for a slow machine. */
const SERVER_START_TIMEOUT = 240_000
const UI_TIMEOUT = 30_000

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
const chromiumPath = chromiumCandidates.find(isExecutable)
const browserRequired = process.env.REQUIRE_BROWSER === '1'
const noChromiumMessage =
  `no Chromium executable found (looked at ${chromiumCandidates.join(', ')}; ` +
  'set CHROMIUM_PATH=<path> or install Debian\'s "chromium" package)'

if (!chromiumPath && !browserRequired) {
  console.warn(`[browser test] SKIPPED: ${noChromiumMessage}. Set REQUIRE_BROWSER=1 to make this an error.`)
}
if (chromiumPath && process.env.CHROMIUM_PATH && chromiumPath !== process.env.CHROMIUM_PATH) {
  console.warn(`[browser test] CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file: using ${chromiumPath}`)
}

/**
 * The server runs in a process group of its own (so that it can be stopped with everything it started), which
 * also keeps a Ctrl-C on jest from reaching it, and jest's sandboxed `process` gets no signals to pass on. So a
 * small watchdog holds a pipe from this process: when jest ends in any way, the pipe closes and the watchdog
 * kills the server's group. It is stopped (and the pipe forgotten) when the server is stopped normally.
 */
function startWatchdog(serverPid: number | undefined): ChildProcess | undefined {
  if (serverPid === undefined) return undefined
  const script =
    "process.stdin.on('data', () => {}).on('end', () => {" +
    `  try { process.kill(-${serverPid}, 'SIGKILL') } catch {}` +
    '  process.exit(0)' +
    '})'
  const watchdog = spawn(process.execPath, ['-e', script], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  watchdog.unref()
  ;(watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.()
  return watchdog
}

/** The real server as a child process of its own process group (tsx, node, and `next build` if it runs). */
class ServerProcess {
  readonly logFile: string
  private readonly child: ChildProcess
  private log = ''
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  private readonly exited: Promise<void>
  private readonly watchdog: ChildProcess | undefined

  constructor(readonly port: number) {
    this.logFile = path.join(os.tmpdir(), 'hp-browser-server.log')
    const logStream = fs.createWriteStream(this.logFile)
    // As `npm start` runs it: not jest's NODE_ENV=test, not jest's --experimental-vm-modules.
    const { NODE_ENV: _nodeEnv, NODE_OPTIONS: _nodeOptions, ...inherited } = process.env
    const env: Record<string, string | undefined> = {
      ...inherited,
      PORT: String(port),
      DATABASE_URL: process.env.DATABASE_URL,
      PAYLOAD_SECRET: process.env.PAYLOAD_SECRET,
      DATA_DIR: process.env.DATA_DIR,
      MQTT_INGEST: 'off',
      NEXT_TELEMETRY_DISABLED: '1',
    }
    this.child = spawn(path.join(rootDir, 'node_modules', '.bin', 'tsx'), ['src/start.ts'], {
      cwd: rootDir,
      env: env as NodeJS.ProcessEnv, // Next's types insist on NODE_ENV, which is left out on purpose
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.watchdog = startWatchdog(this.child.pid)
    const collect = (chunk: Buffer) => {
      this.log += chunk.toString()
      logStream.write(chunk)
    }
    this.child.stdout!.on('data', collect)
    this.child.stderr!.on('data', collect)
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal }
        logStream.end()
        resolve()
      })
      this.child.once('error', (error) => {
        this.log += `\n[spawn error] ${error.message}\n`
        this.exit = { code: -1, signal: null }
        logStream.end()
        resolve()
      })
    })
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get output(): string {
    return this.log
  }

  tail(lines = 40): string {
    return this.log.trimEnd().split('\n').slice(-lines).join('\n')
  }

  /** Polls GET /healthz until it answers 200; fails early when the server exits. */
  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const started = Date.now()
    let lastProblem = 'no answer yet'
    while (Date.now() - started < timeoutMs) {
      if (this.exit) {
        throw new Error(
          `the server exited (code ${this.exit.code}, signal ${this.exit.signal}) before /healthz answered; ` +
            `its log (${this.logFile}) ends with:\n${this.tail()}`,
        )
      }
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(5000) })
        if (response.status === 200) return
        lastProblem = `/healthz answered ${response.status}: ${await response.text()}`
      } catch (error) {
        lastProblem = (error as Error).message
      }
      // Poll interval, or earlier if the process exits.
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 500)), this.exited])
    }
    throw new Error(
      `the server did not answer /healthz with 200 within ${timeoutMs / 1000} s (${lastProblem}); ` +
        `its log (${this.logFile}) ends with:\n${this.tail()}`,
    )
  }

  /** SIGTERM to the whole process group, SIGKILL after 20 s. */
  async stop(): Promise<void> {
    try {
      await this.stopGroup()
    } finally {
      this.watchdog?.kill('SIGKILL')
    }
  }

  private async stopGroup(): Promise<void> {
    if (this.exit || this.child.pid === undefined) return
    const group = -this.child.pid
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(group, name)
      } catch {
        // the group is already gone
      }
    }
    signal('SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const gaveUp = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 20_000))),
    ])
    clearTimeout(timer)
    if (gaveUp) {
      signal('SIGKILL')
      await this.exited
    }
    // start.ts exits first; make sure nothing else of its group (a `next build`, say) outlives it.
    signal('SIGKILL')
  }
}

type WalkPumps = { created: number; released: number }
type Fixture = {
  pumpId: number | string
  producedPumpId: number
  partnerId: string
  walk: Record<Language, WalkPumps>
  live: Record<Language, number>
}
const MODEL_NAME = 'Aero 9 (воздух-вода, 9 кВт)'

async function createFixture(): Promise<Fixture> {
  const payload: Payload = await startPayload()
  try {
    await payload.create({
      collection: 'users',
      data: { email: ADMIN.email, password: ADMIN.password, name: ADMIN.name, role: 'admin' },
    })
    const model = await payload.create({
      collection: 'models',
      data: { name: MODEL_NAME, code: 'BROWSER-AERO-9' },
    })
    const [country] = (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } }, limit: 1 })).docs
    const [region] = (await payload.find({ collection: 'regions', where: { code: { equals: 'RU-SVE' } }, limit: 1 }))
      .docs
    if (!country || !region) throw new Error('reference data lacks country RU or region RU-SVE')
    const pump = await payload.create({
      collection: 'pumps',
      data: {
        serial: SERIAL,
        model: model.id,
        country: country.id,
        region: region.id,
        note: 'Создан браузерным тестом',
      },
    })
    await payload.create({
      collection: 'users',
      data: { email: ENGINEER.email, password: ENGINEER.password, name: ENGINEER.name, role: 'service' },
    })
    const produced = await payload.create({ collection: 'pumps', data: { serial: PRODUCED_SERIAL, model: model.id } })
    await importStatus(payload, produced.id, 'produced', { productionDate: new Date().toISOString() })
    const company = await payload.create({ collection: 'partners', data: { name: 'ООО «Браузер-Монтаж»', certified: true } })
    await payload.create({
      collection: 'users',
      data: { email: PARTNER.email, password: PARTNER.password, name: PARTNER.name, role: 'partner', partner: company.id },
    })
    await payload.create({ collection: 'pumps', data: { serial: UNCLAIMED.serial, model: model.id, password: UNCLAIMED.password } })
    // For the walk through every transition: a pump without a model (the dialog asks for one) and a released one.
    const walk = {} as Record<Language, WalkPumps>
    for (const language of ['ru', 'en'] as const) {
      const created = await payload.create({ collection: 'pumps', data: { serial: `HP-WALK-${language}` } })
      const released = await payload.create({ collection: 'pumps', data: { serial: `HP-WALK-${language}-R`, model: model.id } })
      await importStatus(payload, released.id, 'released', { releaseDate: new Date().toISOString() })
      walk[language] = { created: created.id, released: released.id }
    }
    const live = {} as Record<Language, number>
    for (const language of ['ru', 'en'] as const) {
      live[language] = (await payload.create({ collection: 'pumps', data: { serial: `HP-LIVE-${language}` } })).id
    }
    return { pumpId: pump.id, producedPumpId: produced.id, partnerId: company.partnerId!, walk, live }
  } finally {
    await closePayload(payload)
  }
}

/** Fails with the text it was looking for; `locator.waitFor` alone says only "timeout". */
async function expectVisible(page: Page, selector: string, what: string, hasText?: string | RegExp) {
  const locator = hasText === undefined ? page.locator(selector) : page.locator(selector, { hasText })
  try {
    await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT })
  } catch (error) {
    throw new Error(`${what} is not visible on ${page.url()} (${selector}${hasText ? ` with "${hasText}"` : ''})`, {
      cause: error,
    })
  }
}

if (!chromiumPath && browserRequired) {
  describe('admin panel in a browser', () => {
    it('needs a Chromium executable (REQUIRE_BROWSER=1)', () => {
      throw new Error(`REQUIRE_BROWSER=1 but ${noChromiumMessage}`)
    })
  })
} else {
  const describeWithBrowser = chromiumPath ? describe : describe.skip

  describeWithBrowser('admin panel in a browser (ru-RU)', () => {
    let server: ServerProcess | undefined
    let browser: Browser | undefined
    let context: BrowserContext | undefined
    let page: Page
    let fixture: Fixture
    const pageErrors: string[] = []
    const consoleErrors: string[] = []
    const blockedRequests: string[] = []
    let startedAt = Date.now()

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
      context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 1000 } })
      context.setDefaultTimeout(UI_TIMEOUT)
      context.setDefaultNavigationTimeout(60_000)
      // A back office runs on an intranet: whatever the admin panel fetches from elsewhere is refused (and listed),
      // so the test sees what staff without internet access see, with or without a network here.
      const origin = new URL(server.url).origin
      await context.route(
        (url) => url.origin !== origin,
        (route) => {
          blockedRequests.push(route.request().url())
          return route.abort('internetdisconnected')
        },
      )
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

    /**
     * Runs a step; on failure keeps a screenshot in the temp folder and names it in the error. An uncaught error
     * in the page fails the step too.
     */
    async function step(name: string, body: () => Promise<void>): Promise<void> {
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

    it('shows the login page in Russian and logs the admin in', async () => {
      await step('login', async () => {
        await page.goto(`${server!.url}/admin`)
        await page.waitForURL(/\/admin\/login/)
        await expectVisible(page, 'form input[name="email"]', 'the e-mail input')
        await expectVisible(page, 'form input[name="password"]', 'the password input')
        expect(await page.locator('html').getAttribute('lang')).toBe('ru')

        await page.locator('form input[name="email"]').fill(ADMIN.email)
        await page.locator('form input[name="password"]').fill(ADMIN.password)
        await page.locator('form button[type="submit"]').click()
        await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/login'))
      })
    })

    it('lists the collections in Russian in the navigation', async () => {
      await step('navigation', async () => {
        // Up to 1440 px wide Payload folds the navigation away (inert, off-canvas); the menu button opens it.
        const nav = page.locator('aside.nav')
        await page.locator('aside.nav.nav--nav-hydrated').waitFor({ state: 'attached' })
        if (!(await nav.evaluate((element) => element.classList.contains('nav--nav-open')))) {
          await page.getByRole('button', { name: /^Открыть меню$/i }).click()
        }
        await page.locator('aside.nav.nav--nav-open:not([inert])').waitFor({ state: 'attached' })
        await expectVisible(page, 'aside.nav #nav-pumps', 'the pumps link in the navigation', 'Тепловые насосы')
        await expectVisible(page, 'aside.nav #nav-partners', 'the partners link in the navigation', 'Партнёры')
        await expectVisible(page, 'aside.nav', 'the «Реестр» navigation group', 'Реестр')
        const labels = await page.locator('aside.nav .nav__link-label').allTextContents()
        expect(labels).toEqual(expect.arrayContaining(['Тепловые насосы', 'Партнёры', 'Пользователи']))
      })
    })

    it("opens the pump's card from the list with Russian labels", async () => {
      await step('pump-card', async () => {
        await page.locator('aside.nav #nav-pumps').click()
        await page.waitForURL(/\/admin\/collections\/pumps(\?|$)/)
        // Other test files may have added pumps: find this one through the list's search.
        await page.locator('#search-filter-input').fill(SERIAL)
        await page.waitForURL((url) => url.searchParams.get('search') === SERIAL)
        const row = page.locator('table tbody tr', { hasText: SERIAL })
        await row.waitFor({ state: 'visible' })
        // Readable cells: "Online" as words, an empty cell as "—", never Payload's "<No …>" or true/false.
        if (await page.locator('table thead', { hasText: 'В сети' }).count()) {
          await expect(row.textContent()).resolves.toContain('Не в сети')
        }
        await expect(page.locator('table tbody').textContent()).resolves.not.toMatch(/<No |<Нет /)
        await row.getByRole('link', { name: SERIAL }).click()
        await page.waitForURL(new RegExp(`/admin/collections/pumps/${fixture.pumpId}(\\?|$)`))

        await expectVisible(page, 'label', 'the «Серийный номер» label', 'Серийный номер')
        await expectVisible(page, 'label', 'the «Статус эксплуатации» label', 'Статус эксплуатации')
        await expectVisible(page, 'label', 'the «Страна установки» label', 'Страна установки')
        expect(await page.locator('input[name="serial"]').inputValue()).toBe(SERIAL)
        // The status select shows its Russian label; the region its Russian name.
        await expectVisible(page, '.field-type.select', 'the status «Создан»', 'Создан')
        await expectVisible(page, '.field-type.relationship', 'the region «Свердловская область»', 'Свердловская область')
      })
    })

    /** Runs a step in a browser context of its own, signed in as `account`. */
    async function signedInAs(
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
          await page.goto(`${server!.url}/admin/login`)
          await page.locator('form input[name="email"]').fill(account.email)
          await page.locator('form input[name="password"]').fill(account.password)
          await page.locator('form button[type="submit"]').click()
          await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/login'))
          await body()
        })
      } finally {
        page = previousPage
        await context.close()
      }
    }

    it('a service engineer moves a pump to the next status through the dialog, confirming with the password', async () => {
      await signedInAs(ENGINEER, 'transition', async () => {
        await page.goto(`${server!.url}/admin/collections/pumps/${fixture.producedPumpId}`)
        await expectVisible(page, '.field-type.select', 'the status «Произведен»', 'Произведен')
        await page.getByRole('button', { name: 'Следующий статус: Выпущен' }).click()
        const dialog = page.locator('dialog.status-transition__dialog')
        await dialog.waitFor({ state: 'visible' })
        await expectVisible(page, 'dialog.status-transition__dialog label', 'the «Дата выпуска» field', 'Дата выпуска')

        // A wrong password is refused inline; the dialog stays open.
        await dialog.locator('input[name="password"]').fill('not-my-password')
        await dialog.getByRole('button', { name: 'Подтвердить' }).click()
        await expectVisible(page, 'dialog .status-transition__error', 'the wrong-password message', 'Неверный пароль')

        await dialog.locator('textarea[name="comment"]').fill('Прошёл выходной контроль')
        await dialog.locator('input[name="password"]').fill(ENGINEER.password)
        await dialog.getByRole('button', { name: 'Подтвердить' }).click()
        // The card reloads with the new status and the history entry.
        await dialog.waitFor({ state: 'hidden' })
        await expectVisible(page, '.field-type.select', 'the status «Выпущен»', 'Выпущен')
        const history = page.locator('.field-type.join')
        await expectVisible(page, '.field-type.join tbody tr', 'the history entry', 'Прошёл выходной контроль')
        const newest = history.locator('tbody tr').first()
        await expect(newest.textContent()).resolves.toContain('Выпущен')
        await expect(newest.textContent()).resolves.toContain('Переход статуса')
        await expect(newest.textContent()).resolves.toContain(ENGINEER.name)
        await expectVisible(page, 'button', 'the next button «Следующий статус: Отгружен»', 'Следующий статус: Отгружен')
        await page.screenshot({ path: path.join(os.tmpdir(), 'hp-browser-transition.png'), fullPage: true })
      })
    })

    it('answers a 400 with each field as docs/lifecycle.md says, from the real server', async () => {
      const login = await fetch(`${server!.url}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: ENGINEER.email, password: ENGINEER.password }),
      })
      const { token } = await login.json()
      const response = await fetch(`${server!.url}/api/pumps/${fixture.pumpId}/advance`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}`, 'Accept-Language': 'ru' },
        body: JSON.stringify({ password: ENGINEER.password, data: { password: 'abc', productionDate: 'soon' } }),
      })
      expect(response.status).toBe(400)
      const body = await response.json()
      expect(body.errors[0].data.errors).toEqual([
        { path: 'data.productionDate', message: expect.stringContaining('Это не дата') },
        { path: 'data.password', message: 'Слишком короткий' },
      ])
    })

    for (const [language, locale, timezone] of [
      ['ru', 'ru-RU', 'Europe/Moscow'],
      ['en', 'en-US', 'America/New_York'],
    ] as const) {
      it(`an engineer takes a pump through every transition of the table in the dialog (${language})`, async () => {
        await signedInAs(
          ENGINEER,
          `walk-${language}`,
          async () => {
            if (language === 'ru') await checkNoModels(page, server!.url, fixture.walk.ru.created, language)
            const shown = await walkLifecycle({
              page,
              baseUrl: server!.url,
              language,
              engineerPassword: ENGINEER.password,
              modelLabel: MODEL_NAME,
              createdPumpId: fixture.walk[language].created,
              releasedPumpId: fixture.walk[language].released,
              // Russian types the label's password, English lets the server generate it.
              pumpPassword: language === 'ru' ? 'label-walk-ru-1' : '',
              timezone,
            })
            expect(shown.deviceKey.length).toBeGreaterThan(10)
            if (language === 'ru') expect(shown.generatedPassword).toBeNull()
            else expect(shown.generatedPassword?.trim().length).toBeGreaterThanOrEqual(6)
          },
          locale,
          timezone,
        )
        // The engineer's password was only used to confirm (never sent as the pump's): the account still logs in.
        const relogin = await fetch(`${server!.url}/api/users/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: ENGINEER.email, password: ENGINEER.password }),
        })
        expect(relogin.status).toBe(200)
      }, 240_000)
    }

    it('shows the content-locale switch only where names are kept in two languages, and it switches them (en)', async () => {
      await signedInAs(
        ADMIN,
        'content-locale',
        async () => {
          await page.goto(`${server!.url}/admin/collections/pumps`)
          await page.locator('table tbody tr').first().waitFor({ state: 'visible' })
          // No "Locale: Русский" above an English page that has nothing localized.
          expect(await page.locator('.app-header__localizer').isVisible()).toBe(false)
          await page.goto(`${server!.url}/admin/collections/regions?where[code][equals]=RU-SVE`)
          const switcher = page.locator('.app-header__localizer')
          await switcher.waitFor({ state: 'visible' })
          await expect(switcher.textContent()).resolves.toContain('Names in')
          await expectVisible(page, 'table tbody', 'the Russian name first', 'Свердловская область')
          await switcher.locator('.popup-button').click()
          await page.locator('.popup__content').getByText('English (en)', { exact: true }).click()
          await page.waitForURL((url) => url.searchParams.get('locale') === 'en')
          await expectVisible(page, 'table tbody', 'the English region name', 'Sverdlovsk Oblast')
        },
        'en-US',
      )
    })

    for (const [language, locale] of [['ru', 'ru-RU'], ['en', 'en-US']] as const) {
      it(`an open pump card follows the modem without a reload and keeps what is being typed (${language})`, async () => {
        const check = () => checkLiveRefresh(page, server!.url, fixture.live[language], language)
        await signedInAs(ADMIN, `live-card-${language}`, check, locale)
      }, 120_000)
    }

    it('a partner registers a pump on its page, fills in the installation and finds it in its list', async () => {
      /** Picks an option of a relationship field by typing part of its label. */
      const choose = async (field: string, typed: string, option: string) => {
        await page.locator(`#field-${field} .rs__control`).click()
        await page.keyboard.type(typed)
        await page.locator('.rs__option', { hasText: option }).first().click()
      }
      await signedInAs(PARTNER, 'partner-registration', async () => {
        // The partner's dashboard starts with its first action.
        await page.goto(`${server!.url}/admin`)
        await page.locator('.partner-first-action__register').click()
        await page.waitForURL(/\/admin\/register-pump/)
        await expectVisible(page, 'a#nav-register-pump', 'the «Зарегистрировать насос» link', 'Зарегистрировать насос')
        const form = page.locator('form.register-pump-form')
        await form.locator('input[name="serial"]').fill(UNCLAIMED.serial.toLowerCase())
        await form.locator('input[name="partnerId"]').fill(fixture.partnerId)
        await form.locator('input[name="password"]').fill('not-the-label')
        await form.getByRole('button', { name: 'Зарегистрировать' }).click()
        await expectVisible(page, '.register-pump-form__error', 'the refusal', 'Неверный серийный номер или пароль насоса')
        await form.locator('input[name="password"]').fill(UNCLAIMED.password)
        await form.getByRole('button', { name: 'Зарегистрировать' }).click()

        // The pump's card opens for the installation.
        await page.waitForURL(/\/admin\/collections\/pumps\/\d+/)
        expect(await page.locator('input[name="serial"]').inputValue()).toBe(UNCLAIMED.serial)
        await choose('country', 'Росс', 'Россия')
        await choose('region', 'Свердлов', 'Свердловская область')
        await choose('objectType', 'Частн', 'Частный дом')
        await page.locator('textarea[name="ownerInfo"]').fill('Иванов Иван, +7 912 000-00-00')
        await page.locator('#action-save').click()
        // Saved: the server derived the time zone from the region, and the card shows it.
        await page.waitForFunction(
          () => document.querySelector<HTMLInputElement>('input[name="timezone"]')?.value === 'Asia/Yekaterinburg',
          null,
          { timeout: UI_TIMEOUT },
        )

        await page.goto(`${server!.url}/admin/collections/pumps`)
        await expectVisible(page, 'table tbody tr', 'the pump in the partner’s list', UNCLAIMED.serial)
        await page.screenshot({ path: path.join(os.tmpdir(), 'hp-browser-partner.png'), fullPage: true })
      })
    })
  })
}
