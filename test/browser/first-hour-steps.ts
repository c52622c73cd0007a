// The steps of a newcomer's first hour in the admin panel (first-hour.test.ts runs them on a fresh database): the
// first account, a pump, a model with its manual reached from the produce dialog, a partner company and its user,
// the partner's claim, a modem logging in with the key the dialog showed once.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import mqtt from 'mqtt'
import type { Page } from 'playwright-core'

import { onePagePdf } from '../../src/seed/pdf'
import { keepPage, submitUntilLeft } from './forms'
import { openDialog, type Language } from './lifecycle-walk'

export const TEXT = {
  ru: {
    administrator: 'Администратор',
    partnerRole: 'Партнёр',
    register: 'Зарегистрировать',
    online: 'В сети',
    browserClock: 'Время в таблице — по часам вашего браузера',
    country: ['Росс', 'Россия'],
    region: ['Свердлов', 'Свердловская область'],
    objectType: ['Частн', 'Частный дом'],
  },
  en: {
    administrator: 'Administrator',
    partnerRole: 'Partner',
    register: 'Register',
    online: 'Online',
    browserClock: "Times in this table are on your browser's clock",
    country: ['Russ', 'Russia'],
    region: ['Sverdl', 'Sverdlovsk Oblast'],
    objectType: ['Priv', 'Private house'],
  },
} as const

export type Account = { email: string; password: string; name: string }

/**
 * Picks an option of a select or relationship field (react-select) by typing part of its label, and waits until the
 * field shows it (once more if the pick was lost: on a busy machine a click can land while the menu re-renders).
 */
export async function choose(page: Page, field: string, typed: string, option: string): Promise<void> {
  const chosen = page.locator(`#field-${field} .rs__single-value`, { hasText: option })
  for (let attempt = 1; ; attempt++) {
    await page
      .locator(`#field-${field} .rs__control`)
      .click({ timeout: 20_000 })
      .catch(async (error) => {
        const kept = await keepPage(page, `choose-${field}`)
        throw new Error(`no field ${field} to choose from (page kept in ${kept}): ${error.message}`)
      })
    await page.keyboard.type(typed)
    await page.locator('.rs__option', { hasText: option }).first().click()
    try {
      await chosen.waitFor({ state: 'visible', timeout: 10_000 })
      return
    } catch (error) {
      if (attempt === 2) throw error
    }
  }
}

/** Saves the document form and waits for its card's URL; returns the new document's id. */
async function saveNew(page: Page, collection: string): Promise<number> {
  await page.locator('#action-save').click()
  await page.waitForURL(new RegExp(`/admin/collections/${collection}/\\d+`))
  return Number(new URL(page.url()).pathname.split('/').pop())
}

/** A new database sends everyone to "create the first account"; the form says it becomes an administrator. */
export async function createFirstAccount(page: Page, baseUrl: string, account: Account, language: Language) {
  await page.goto(`${baseUrl}/admin`)
  await page.waitForURL(/\/admin\/create-first-user/)
  await page.locator('#field-role', { hasText: TEXT[language].administrator }).waitFor({ state: 'visible' })
  await submitUntilLeft(
    page,
    'first-account',
    async () => {
      await page.locator('input[name="email"]').fill(account.email)
      await page.locator('input[name="password"]').fill(account.password)
      await page.locator('input[name="confirm-password"]').fill(account.password)
      await page.locator('input[name="name"]').fill(account.name)
    },
    (url) => url.pathname.startsWith('/admin') && !url.pathname.includes('create-first-user'),
  )
}

export async function createPump(page: Page, baseUrl: string, serial: string): Promise<number> {
  await page.goto(`${baseUrl}/admin/collections/pumps/create`)
  await page.locator('input[name="serial"]').fill(serial)
  return saveNew(page, 'pumps')
}

/**
 * With no models yet, the produce dialog says to create one and links to the form: followed, a model is created
 * with its PDF manual uploaded in the manual field's drawer. Returns the model's id.
 */
export async function createModelFromDialog(
  page: Page,
  language: Language,
  model: { name: string; code: string; manualTitle: string },
): Promise<number> {
  const dialog = await openDialog(page, 'created', 'produced', language)
  await dialog.locator('.status-transition__no-models a').click()
  await page.waitForURL(/\/admin\/collections\/models\/create/)
  await page.locator('input[name="name"]').fill(model.name)
  await page.locator('input[name="code"]').fill(model.code)
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hp-manual-')), `${model.code}.pdf`)
  fs.writeFileSync(file, onePagePdf(`${model.name} manual`))
  await page.locator('.upload__createNewToggler').click()
  const drawer = page.locator('dialog.doc-drawer[open]')
  await drawer.locator('input[type="file"]').setInputFiles(file)
  await drawer.locator('input[name="title"]').fill(model.manualTitle)
  await drawer.locator('#action-save').click()
  await drawer.waitFor({ state: 'hidden' })
  await page
    .locator('.upload', { hasText: `${model.code}.pdf` })
    .first()
    .waitFor({ state: 'visible' })
  return saveNew(page, 'models')
}

/** A certified partner company and its user with the partner role; returns the company's partner ID. */
export async function createPartner(
  page: Page,
  baseUrl: string,
  language: Language,
  company: string,
  user: Account,
): Promise<string> {
  await page.goto(`${baseUrl}/admin/collections/partners/create`)
  await page.locator('input[name="name"]').fill(company)
  await page.locator('input[name="certified"]').check()
  await saveNew(page, 'partners')
  const partnerIdInput = page.locator('input[name="partnerId"]')
  await page.waitForFunction(() =>
    /^P-/.test(document.querySelector<HTMLInputElement>('input[name="partnerId"]')?.value ?? ''),
  )
  const partnerId = await partnerIdInput.inputValue()

  await page.goto(`${baseUrl}/admin/collections/users/create`)
  // The role first: its company field appears once the server has the form's state for it. (Typed at machine speed
  // just after other fields, the role's change could meet a form-state request still under way and the field stay
  // hidden, which a person's pace never meets.)
  await choose(page, 'role', TEXT[language].partnerRole.slice(0, 4), TEXT[language].partnerRole)
  await choose(page, 'partner', company.slice(0, 6), company)
  await page.locator('input[name="email"]').fill(user.email)
  await page.locator('input[name="password"]').fill(user.password)
  await page.locator('input[name="confirm-password"]').fill(user.password)
  await page.locator('input[name="name"]').fill(user.name)
  await saveNew(page, 'users')
  return partnerId
}

/** The partner's first action on its dashboard: register the pump by serial, partner ID and the label's password. */
export async function partnerClaims(
  page: Page,
  baseUrl: string,
  language: Language,
  claim: { serial: string; partnerId: string; pumpPassword: string; ownerInfo: string },
): Promise<void> {
  await page.goto(`${baseUrl}/admin`)
  await page.locator('.partner-first-action__register').click()
  await page.waitForURL(/\/admin\/register-pump/)
  const form = page.locator('form.register-pump-form')
  await form.locator('input[name="serial"]').fill(claim.serial.toLowerCase())
  await form.locator('input[name="partnerId"]').fill(claim.partnerId)
  await form.locator('input[name="password"]').fill(claim.pumpPassword)
  await form.getByRole('button', { name: TEXT[language].register }).click()
  await page.waitForURL(/\/admin\/collections\/pumps\/\d+/)
  const text = TEXT[language]
  await choose(page, 'country', text.country[0], text.country[1])
  await choose(page, 'region', text.region[0], text.region[1])
  await choose(page, 'objectType', text.objectType[0], text.objectType[1])
  await page.locator('textarea[name="ownerInfo"]').fill(claim.ownerInfo)
  await page.locator('#action-save').click()
  // Saved: the server derived the time zone from the region, and the card shows it.
  await page.waitForFunction(
    () => document.querySelector<HTMLInputElement>('input[name="timezone"]')?.value === 'Asia/Yekaterinburg',
  )
}

/**
 * The pump's modem logs in to the broker with its serial and the device key the produce dialog showed once, says it
 * is online and reports an alarm; the open card shows both without a reload. Returns the connected client.
 */
export async function modemReports(
  page: Page,
  brokerUrl: string,
  language: Language,
  modem: { serial: string; deviceKey: string },
): Promise<mqtt.MqttClient> {
  const client = await mqtt.connectAsync(brokerUrl, {
    clientId: `modem-${modem.serial}`,
    username: modem.serial,
    password: modem.deviceKey,
    reconnectPeriod: 0,
    will: { topic: `hp/${modem.serial}/status`, payload: Buffer.from('{"online": false}'), qos: 1, retain: true },
  })
  const topic = (kind: string) => `hp/${modem.serial}/${kind}`
  await client.publishAsync(topic('status'), JSON.stringify({ online: true, conn: 'gsm', fw: '1.4.2' }), {
    qos: 1,
    retain: true,
  })
  await client.publishAsync(topic('data'), JSON.stringify({ ts: Date.now(), t_out: -7.5, t_flow: 41.2 }), { qos: 1 })
  const alarm = { code: 'E12', text: language === 'ru' ? 'Низкий расход' : 'Low flow', since: Date.now() - 60_000 }
  await client.publishAsync(topic('alarms'), JSON.stringify({ active: [alarm] }), { qos: 1, retain: true })
  const online = new RegExp(`^${TEXT[language].online}$`)
  await page.locator('.online-field .online-badge', { hasText: online }).waitFor({ timeout: 30_000 })
  await page.locator('.active-alarms-field', { hasText: 'E12' }).waitFor({ timeout: 30_000 })
  // The birth's network and firmware, though the data message came after it in the same moment.
  for (const [field, text] of [
    ['firmwareVersion', '1.4.2'],
    ['connectionType', 'GSM'],
  ]) {
    await page
      .locator(`.live-text-field--${field} .live-text-field__value`, { hasText: text })
      .waitFor({ timeout: 30_000 })
  }
  return client
}
