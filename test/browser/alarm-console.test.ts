// Issue 13, item 3, in a real browser: the fleet alarm console. Staff (in Russian) see the counts by severity and the
// alarms worst and oldest first, filter them, and acknowledge two with a comment through the form; the pump card shows
// the alarm's severity, age and acknowledgement. A partner (in English) sees only its own pumps' alarms and
// acknowledges one. A screenshot of the Russian console goes to SCREENSHOT_DIR (else the temp folder).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import type { Browser, Page } from 'playwright-core'

import { freePort } from '../../src/runtime/ports'
import { CHROMIUM_ARGS } from '../support/chromium'
import { closePayload, startPayload } from '../support/payload'
import { browserRequired, chromiumPath, SERVER_START_TIMEOUT } from './admin-session'
import { ServerProcess } from './server-process'
import { signedIn } from './forms'

const STAFF = { email: 'alarm-console-admin@test.local', password: 'alarm-console-admin-1' }
const PARTNER = { email: 'alarm-console-partner@test.local', password: 'alarm-console-partner-1' }
const shotDir = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : os.tmpdir()

type Made = { ownPump: number; otherPump: number; ids: Record<string, number> }

/**
 * Two pumps (one of the partner's), and four alarms of each severity and age, as the ingestion leaves them. The
 * console counts the whole fleet's alarms: those other test files left in the run's database go first (the files
 * run one after another, each making its own).
 */
async function createAlarms(): Promise<Made> {
  const payload = await startPayload()
  try {
    const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } }).drizzle
    await db.execute(sql`truncate alarms cascade`)
    const company = await payload.create({
      collection: 'partners',
      data: { name: 'ООО «Аварийный Монтаж»', certified: true },
    })
    await payload.create({ collection: 'users', data: { ...STAFF, name: 'Дежурный Инженер', role: 'service' } })
    await payload.create({
      collection: 'users',
      data: { ...PARTNER, name: 'Partner Alarmov', role: 'partner', partner: company.id },
    })
    const own = await payload.create({
      collection: 'pumps',
      data: { serial: 'HP-ALARM-OWN', responsiblePartner: company.id } as never,
    })
    const other = await payload.create({ collection: 'pumps', data: { serial: 'HP-ALARM-OTHER' } as never })
    // The card's active set, as the ingestion's bulk statement writes it.
    const active = JSON.stringify([{ code: 'E21', text: 'High pressure', since: null }])
    await db.execute(sql`update pumps set active_alarms = ${active}::jsonb where id = ${other.id}`)
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()
    const make = async (pump: number, code: string, severity: string, minutes: number) =>
      (
        await payload.create({
          collection: 'alarms',
          data: { pump, code, severity, text: `text ${code}`, raisedAt: ago(minutes) } as never,
        })
      ).id
    const ids = {
      warning: await make(other.id, 'W03', 'warning', 600),
      criticalNew: await make(other.id, 'E21', 'critical', 5),
      criticalOld: await make(other.id, 'E01', 'critical', 300),
      ownMajor: await make(own.id, 'E12', 'major', 90),
    }
    return { ownPump: own.id, otherPump: other.id, ids }
  } finally {
    await closePayload(payload)
  }
}

const describeWithBrowser = chromiumPath || browserRequired ? describe : describe.skip

describeWithBrowser('the fleet alarm console in a browser', () => {
  let server: ServerProcess
  let browser: Browser
  let made: Made

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium executable found (see admin-session.ts)')
    made = await createAlarms()
    server = new ServerProcess(await freePort(), { name: 'alarm-console' })
    await server.waitUntilHealthy(SERVER_START_TIMEOUT)
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
  }, SERVER_START_TIMEOUT + 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  }, 60_000)

  const signIn = async (account: { email: string; password: string }, locale: 'ru-RU' | 'en-US'): Promise<Page> =>
    (await signedIn(browser, server.url, account, locale)).page

  const rowIds = async (page: Page) =>
    await page.locator('tr.alarm-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-alarm'))))
  const count = (page: Page, severity: string) =>
    page.locator(`[data-severity="${severity}"] .alarm-count__value`).innerText()

  it('staff, in Russian: counts, worst and oldest first, a filter, the card, and acknowledging two with a comment', async () => {
    const page = await signIn(STAFF, 'ru-RU')
    try {
      // The card first: the alarm's severity, age and that nobody acknowledged it yet.
      await page.goto(`${server.url}/admin/collections/pumps/${made.otherPump}`)
      const cardAlarm = page.locator('.active-alarm').first()
      await cardAlarm.locator('.alarm-severity').waitFor()
      expect(await cardAlarm.innerText()).toMatch(/Критическая\s*E21.*\d+ (мин|ч \d+ мин) · не квитирована/)

      // The navigation links the console (folded away at this width: the address is opened directly).
      expect(await page.locator('#nav-alarm-console').count()).toBeGreaterThan(0)
      await page.goto(`${server.url}/admin/alarm-console`)
      await page.locator('h1', { hasText: 'Аварии парка' }).waitFor()
      expect([
        await count(page, 'critical'),
        await count(page, 'major'),
        await count(page, 'minor'),
        await count(page, 'warning'),
      ]).toEqual(['2', '1', '0', '1'])
      expect(await rowIds(page)).toEqual([
        made.ids.criticalOld,
        made.ids.criticalNew,
        made.ids.ownMajor,
        made.ids.warning,
      ])
      await page.screenshot({ path: path.join(shotDir, 'alarm-console-ru.png'), fullPage: true })

      // A filter: only the critical ones.
      await page.locator('form.alarm-filters select[name="severity"]').selectOption('critical')
      await page.locator('form.alarm-filters button[type="submit"]').click()
      await page.waitForURL(/severity=critical/)
      await page.locator('tr.alarm-row').first().waitFor()
      expect(await rowIds(page)).toEqual([made.ids.criticalOld, made.ids.criticalNew])

      // Acknowledge both with a comment: the form's answer, and the rows say who is on it.
      for (const id of [made.ids.criticalOld, made.ids.criticalNew])
        await page.locator(`tr[data-alarm="${id}"] input[type="checkbox"]`).check()
      await page.locator('form.alarm-acknowledge textarea[name="comment"]').fill('Бригада выехала')
      await page.locator('form.alarm-acknowledge button[type="submit"]', { hasText: 'Квитировать выбранные' }).click()
      await page.locator('.alarm-message', { hasText: 'Квитировано: 2' }).waitFor()
      await page
        .locator(`tr[data-alarm="${made.ids.criticalNew}"] .alarm-ack`, { hasText: 'Бригада выехала' })
        .waitFor()
      expect(await page.locator(`tr[data-alarm="${made.ids.criticalOld}"] .alarm-ack`).innerText()).toContain(
        'Бригада выехала',
      )

      await page.goto(`${server.url}/admin/collections/pumps/${made.otherPump}`)
      await page.locator('.active-alarm .alarm-state', { hasText: 'квитирована: Бригада выехала' }).waitFor()
    } catch (error) {
      await page.screenshot({ path: path.join(os.tmpdir(), `hp-alarm-console-ru-${Date.now()}.png`), fullPage: true })
      throw error
    } finally {
      await page.context().close()
    }
  })

  it("a partner, in English: only its own pumps' alarms, acknowledged through the form", async () => {
    const page = await signIn(PARTNER, 'en-US')
    try {
      await page.goto(`${server.url}/admin/alarm-console`)
      await page.locator('h1', { hasText: 'Fleet alarms' }).waitFor()
      expect(await rowIds(page)).toEqual([made.ids.ownMajor])
      expect(await count(page, 'critical')).toBe('0')
      expect(await page.locator('form.alarm-filters select[name="partner"]').count()).toBe(0)
      await page.locator(`tr[data-alarm="${made.ids.ownMajor}"] input[type="checkbox"]`).check()
      await page.locator('form.alarm-acknowledge textarea[name="comment"]').fill('On my way')
      await page.locator('form.alarm-acknowledge button[type="submit"]', { hasText: 'Acknowledge selected' }).click()
      await page.locator('.alarm-message', { hasText: 'Acknowledged: 1' }).waitFor()
      await page.locator(`tr[data-alarm="${made.ids.ownMajor}"] .alarm-ack`, { hasText: 'On my way' }).waitFor()
    } catch (error) {
      await page.screenshot({ path: path.join(os.tmpdir(), `hp-alarm-console-en-${Date.now()}.png`), fullPage: true })
      throw error
    } finally {
      await page.context().close()
    }
  })
})

if (!fs.existsSync(shotDir)) fs.mkdirSync(shotDir, { recursive: true })
