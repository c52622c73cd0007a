// Issue 12 in a real browser: the pump card's latest values (model names, units, an implausible value marked) and
// its chart (keys, ranges, the server's resolution, a custom range, the CSV), in Russian and English.
import fs from 'node:fs'
import path from 'node:path'

import type { Page } from 'playwright-core'
import type { Payload } from 'payload'

import { insertReadings } from '../../plugins/mqtt-ingest/history-writes'
import { parseReadings } from '../../plugins/mqtt-ingest/readings'
import { runTelemetryMaintenance, type Database } from '../../src/services/telemetry/maintenance'
import { TELEMETRY_TARGET } from '../../src/services/telemetry/tables'

const HOUR = 3_600_000

export const TELEMETRY_SCHEMA = [
  {
    key: 't_out',
    kind: 'number',
    unit: '°C',
    decimals: 1,
    min: -40,
    max: 45,
    name: { ru: 'Наружная температура', en: 'Outdoor temperature' },
  },
  {
    key: 't_flow',
    kind: 'number',
    unit: '°C',
    decimals: 1,
    min: 10,
    max: 75,
    name: { ru: 'Температура подачи', en: 'Flow temperature' },
  },
  {
    key: 'power_w',
    kind: 'number',
    unit: 'W',
    decimals: 0,
    min: 0,
    max: 9000,
    name: { ru: 'Электрическая мощность', en: 'Electrical power' },
  },
] as const

/** The model's schema, and two days of readings every 5 minutes with a 3-hour silence, rolled up; the latest power implausible. */
export async function seedTelemetry(payload: Payload, modelId: number, pumpId: number): Promise<void> {
  await payload.update({ collection: 'models', id: modelId, data: { telemetry: TELEMETRY_SCHEMA as never } })
  const now = Date.now()
  const readings: Parameters<typeof insertReadings>[3] = []
  for (let at = now - 48 * HOUR; at <= now; at += 5 * 60_000) {
    if (at > now - 10 * HOUR && at < now - 7 * HOUR) continue
    const hour = at / HOUR
    readings.push({
      pump: pumpId,
      reading: parseReadings(
        { t_out: -5 + 4 * Math.sin(hour / 4), t_flow: 40 + Math.cos(hour), power_w: 1800 },
        new Date(at),
      )!,
    })
  }
  readings.push({ pump: pumpId, reading: parseReadings({ t_out: -5, t_flow: 41.2, power_w: 12000 }, new Date(now))! })
  const db = (payload.db as unknown as { drizzle: Database }).drizzle
  await db.transaction((tx) => insertReadings(tx, TELEMETRY_TARGET, new Map(), readings))
  const latest = {
    t_out: { v: -5, at: new Date(now).toISOString() },
    t_flow: { v: 41.2, at: new Date(now).toISOString() },
    power_w: { v: 12000, at: new Date(now).toISOString() },
  }
  await db.execute(
    (await import('@payloadcms/db-postgres'))
      .sql`update pumps set telemetry_latest = ${JSON.stringify(latest)}::jsonb where id = ${pumpId}`,
  )
  await runTelemetryMaintenance(db, { now: new Date(), rawDays: 30, daysAhead: 1 })
}

const TEXT = {
  ru: {
    outdoor: 'Наружная температура',
    power: 'Электрическая мощность',
    flow: 'Температура подачи',
    value: '-5,0 °C',
    week: '7 дн',
    raw: 'все показания',
    fiveMin: '5 мин',
    flagged: 'Вне правдоподобного диапазона',
  },
  en: {
    outdoor: 'Outdoor temperature',
    power: 'Electrical power',
    flow: 'Flow temperature',
    value: '-5.0 °C',
    week: '7 d',
    raw: 'every reading',
    fiveMin: '5 min',
    flagged: 'Outside the plausible range',
  },
} as const

async function waitForText(page: Page, selector: string, text: string | RegExp) {
  await page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout: 30_000 })
}

export async function checkTelemetryCard(
  page: Page,
  baseUrl: string,
  pumpId: number,
  language: 'ru' | 'en',
  screenshotDir?: string,
) {
  const text = TEXT[language]
  await page.goto(`${baseUrl}/admin/collections/pumps/${pumpId}`)
  await waitForText(page, '.telemetry-latest th', text.outdoor)
  await waitForText(page, '.telemetry-latest td.telemetry-value', text.value)
  const power = page.locator('.telemetry-latest tr[data-key="power_w"]')
  expect(await power.getAttribute('class')).toContain('telemetry-out-of-range')
  expect(await power.getAttribute('title')).toBe(text.flagged)
  // The chart: 24 h of raw readings, three keys in the legend, drawn on a canvas.
  await waitForText(page, '.telemetry-resolution', text.raw)
  await page.locator('.telemetry-plot canvas').first().waitFor({ state: 'visible' })
  await waitForText(page, '.telemetry-plot .u-legend', text.power)
  // Fewer keys: power off.
  await page.locator('.telemetry-keys label', { hasText: text.power }).locator('input').uncheck()
  await page.waitForFunction(
    (name) => !document.querySelector('.telemetry-plot .u-legend')?.textContent?.includes(name),
    text.power,
  )
  if (screenshotDir)
    await page.screenshot({ path: path.join(screenshotDir, `telemetry-${language}.png`), fullPage: true })
  // A week: the server answers with the 5-minute rollup and its band.
  await page.getByRole('button', { name: text.week, exact: true }).click()
  await waitForText(page, '.telemetry-resolution', text.fiveMin)
  // A custom range (the last 12 hours): raw again, including the silence as a gap.
  const from = new Date(Date.now() - 12 * HOUR - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
  await page.locator('input[name="telemetry-from"]').fill(from)
  await waitForText(page, '.telemetry-resolution', text.raw)
  // The CSV of what is shown.
  const href = await page.locator('a.telemetry-csv').getAttribute('href')
  expect(href).toContain(`/api/pumps/${pumpId}/telemetry/csv?`)
  // Clicked as a user would (a same-origin navigation carries the session cookie): the file arrives.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.telemetry-csv').click()])
  const file = await download.path()
  expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe('time,t_out,t_flow')
}
