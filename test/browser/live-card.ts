// Issue 10, item 17, in a real browser: a pump card open on a screen follows what the modem reports (online,
// firmware, network access) without a reload, and what the user is typing meanwhile is kept.
import pg from 'pg'
import type { Page } from 'playwright-core'

import { LIVE_REFRESH_MS } from '../../src/domain/live'

const TEXT = {
  ru: { offline: 'Не в сети', online: 'В сети', typed: 'Набрано, пока карточка обновлялась' },
  en: { offline: 'Offline', online: 'Online', typed: 'Typed while the card refreshed itself' },
} as const

/** What the ingestion writes when a modem connects, written straight to the database as its bulk statement does. */
async function modemConnects(pumpId: number, firmware: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    await client.query(
      `update pumps set online = true, presence_at = now(), last_connected_at = now(), firmware_version = $2,
         connection_type = 'wifi' where id = $1`,
      [pumpId, firmware],
    )
  } finally {
    await client.end()
  }
}

export async function checkLiveRefresh(page: Page, baseUrl: string, pumpId: number, language: 'ru' | 'en') {
  const text = TEXT[language]
  await page.goto(`${baseUrl}/admin/collections/pumps/${pumpId}`)
  const badge = page.locator('.online-field .online-badge')
  await badge.waitFor({ state: 'visible' })
  await expectText(badge, text.offline)
  await expectText(page.locator('.live-text-field--firmwareVersion .live-text-field__value'), '—')

  // A mark on the window survives only if the page is not reloaded; the note is what the user is typing.
  await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 42))
  const note = page.locator('textarea[name="note"], #field-note textarea, textarea#field-note').first()
  await note.fill(text.typed)

  const firmware = `LIVE-${language}-${pumpId}`
  await modemConnects(pumpId, firmware)
  const timeout = LIVE_REFRESH_MS * 2 + 5_000
  await expectText(badge, text.online, timeout)
  await expectText(page.locator('.live-text-field--firmwareVersion .live-text-field__value'), firmware, timeout)
  await expectText(page.locator('.live-text-field--connectionType .live-text-field__value'), 'Wi-Fi', timeout)
  await expectText(
    page.locator('.pump-date-field--lastConnectedAt .pump-date-field__value'),
    /\d{2}\.\d{2}\.\d{4}|\d{4}/,
  )

  expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(42)
  expect(await note.inputValue()).toBe(text.typed)
}

async function expectText(locator: ReturnType<Page['locator']>, expected: string | RegExp, timeout = 30_000) {
  const deadline = Date.now() + timeout
  let last = ''
  while (Date.now() < deadline) {
    last = (
      (await locator
        .first()
        .textContent()
        .catch(() => '')) ?? ''
    ).trim()
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`expected "${String(expected)}" in ${locator.toString()}, it shows "${last}" after ${timeout} ms`)
}
