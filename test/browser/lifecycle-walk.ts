// Every transition of the lifecycle table through the pump card's dialog, in one language: the steps a service
// engineer takes in the browser (admin.test.ts runs it in Russian and in English on the real server).
import type { Page } from 'playwright-core'

import { STATUS_LABELS, TRANSITIONS, type PumpStatus } from '../../src/domain/lifecycle'
import { formatInZone } from '../../src/domain/timezone'

export type Language = 'ru' | 'en'

const UI = {
  ru: {
    confirm: 'Подтвердить',
    done: 'Готово',
    required: 'Обязательно для этого перехода',
    tooShort: 'Слишком короткий',
    badDate: 'Введите дату в виде дд.мм.гггг чч:мм',
    yourTime: 'ваше время',
  },
  en: {
    confirm: 'Confirm',
    done: 'Done',
    required: 'Required for this transition',
    tooShort: 'Too short',
    badDate: 'Enter the date as dd.mm.yyyy hh:mm',
    yourTime: 'your time',
  },
}

const UI_TIMEOUT = 30_000

function label(from: PumpStatus, to: PumpStatus, language: Language): string {
  const transition = TRANSITIONS.find((t) => t.from === from && t.to === to)
  if (!transition) throw new Error(`no transition ${from} → ${to}`)
  return transition.label[language]
}

const dialogOf = (page: Page) => page.locator('dialog.status-transition__dialog')

export async function statusShown(page: Page, status: PumpStatus, language: Language): Promise<void> {
  await page
    .locator('.field-type.select', { hasText: STATUS_LABELS[status][language] })
    .first()
    .waitFor({ state: 'visible', timeout: UI_TIMEOUT })
}

export async function openDialog(page: Page, from: PumpStatus, to: PumpStatus, language: Language) {
  await page.getByRole('button', { name: label(from, to, language), exact: true }).click()
  const dialog = dialogOf(page)
  await dialog.waitFor({ state: 'visible' })
  return dialog
}

/** The error shown beside the field with this request path (`data.model`, `password`). */
async function errorBeside(page: Page, path: string, text: string): Promise<void> {
  await dialogOf(page)
    .locator(`.status-transition__field-error[data-path="${path}"]`, { hasText: text })
    .waitFor({ state: 'visible', timeout: UI_TIMEOUT })
}

/** One move: fills the fields, confirms with the engineer's password, and waits for the card's new status. */
export async function move(
  page: Page,
  options: {
    from: PumpStatus
    to: PumpStatus
    language: Language
    password: string
    fill?: Record<string, string>
    /** Runs with the dialog filled in, before it is confirmed (a screenshot, say). */
    beforeConfirm?: () => Promise<void>
  },
): Promise<void> {
  const dialog = await openDialog(page, options.from, options.to, options.language)
  for (const [name, value] of Object.entries(options.fill ?? {})) {
    await dialog.locator(`[name="data.${name}"]`).fill(value)
  }
  await dialog.locator('input[name="password"]').fill(options.password)
  await options.beforeConfirm?.()
  await dialog.getByRole('button', { name: UI[options.language].confirm }).click()
  await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT })
  await statusShown(page, options.to, options.language)
}

/**
 * Released → shipped with a typed shipment date: one that is not a date is refused beside its field before anything
 * is sent; a real one, typed as dd.MM.yyyy HH:mm on the clock the dialog names, comes back on the card the same.
 */
export async function ship(
  page: Page,
  options: Pick<WalkOptions, 'language' | 'timezone' | 'engineerPassword'>,
): Promise<void> {
  const { language } = options
  const dialog = await openDialog(page, 'released', 'shipped', language)
  const zoneNote = (await dialog.locator('.status-transition__zone').first().textContent()) ?? ''
  if (!zoneNote.includes(UI[language].yourTime) || !zoneNote.includes(options.timezone)) {
    throw new Error(`the dialog names the clock as «${zoneNote}», not the browser's ${options.timezone}`)
  }
  await dialog.locator('[name="data.shipmentDate"]').fill('31.02.2026 10:00')
  await dialog.locator('[name="data.consignee"]').fill(`Consignee ${language}`)
  await dialog.locator('[name="data.waybillNumber"]').fill(`WB-${language}-1`)
  await dialog.locator('input[name="password"]').fill(options.engineerPassword)
  await dialog.getByRole('button', { name: UI[language].confirm }).click()
  await errorBeside(page, 'data.shipmentDate', UI[language].badDate)

  const typed = formatInZone(Date.now() - 26 * 3600_000, options.timezone)
  await dialog.locator('[name="data.shipmentDate"]').fill(typed)
  await dialog.getByRole('button', { name: UI[language].confirm }).click()
  await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT })
  await statusShown(page, 'shipped', language)
  const shown = page.locator('.pump-date-field--shipmentDate .pump-date-field__value')
  await shown.filter({ hasText: typed }).waitFor({ state: 'visible', timeout: UI_TIMEOUT })
}

export type WalkOptions = {
  page: Page
  baseUrl: string
  language: Language
  engineerPassword: string
  modelLabel: string
  /** A pump in `created` without a model, and one in `released`. */
  createdPumpId: number | string
  releasedPumpId: number | string
  /** Typed pump password; empty lets the server generate one (shown once). */
  pumpPassword: string
  /** The browser's time zone (the walk's pumps have no region, so their dates are on the browser's clock). */
  timezone: string
}

/**
 * Created → produced in the open card: no model chosen and a too-short pump password are each refused beside their
 * field, nothing changed; then the model and the typed (or, empty, generated) pump password. The device key (and a
 * generated pump password) are shown once: returned. A typed pump password is not echoed.
 */
export async function produce(
  page: Page,
  options: Pick<WalkOptions, 'language' | 'engineerPassword' | 'modelLabel' | 'pumpPassword'>,
): Promise<{ generatedPassword: string | null; deviceKey: string }> {
  const ui = UI[options.language]
  const dialog = await openDialog(page, 'created', 'produced', options.language)
  await dialog.locator('select[name="data.model"]').selectOption('')
  await dialog.locator('input[name="data.password"]').fill('abc')
  await dialog.locator('input[name="password"]').fill(options.engineerPassword)
  await dialog.getByRole('button', { name: ui.confirm }).click()
  await errorBeside(page, 'data.model', ui.required)
  await errorBeside(page, 'data.password', ui.tooShort)

  await dialog.locator('select[name="data.model"]').selectOption({ label: options.modelLabel })
  await dialog.locator('input[name="data.password"]').fill(options.pumpPassword)
  await dialog.getByRole('button', { name: ui.confirm }).click()
  const deviceKey =
    (await dialog.locator('.status-transition__generated-device-key').textContent({ timeout: UI_TIMEOUT })) ?? ''
  const generated = dialog.locator('.status-transition__generated-password')
  const generatedPassword = (await generated.count()) ? await generated.textContent() : null
  await dialog.getByRole('button', { name: ui.done }).click()
  await statusShown(page, 'produced', options.language)
  return { generatedPassword: generatedPassword?.trim() ?? null, deviceKey: deviceKey.trim() }
}

/** created → produced (model, pump password) → released → shipped → in operation → in service → back → in service → decommissioned. */
export async function walkLifecycle(
  options: WalkOptions,
): Promise<{ generatedPassword: string | null; deviceKey: string }> {
  const { page, language, engineerPassword: password } = options
  await page.goto(`${options.baseUrl}/admin/collections/pumps/${options.createdPumpId}`)
  await statusShown(page, 'created', language)
  const shown = await produce(page, options)

  const now = { language, password }
  await move(page, { ...now, from: 'produced', to: 'released' })
  await ship(page, options)
  await move(page, { ...now, from: 'shipped', to: 'in_operation' })
  await move(page, { ...now, from: 'in_operation', to: 'in_service', fill: { serviceReason: `Service ${language}` } })
  await move(page, { ...now, from: 'in_service', to: 'in_operation' })
  await move(page, { ...now, from: 'in_operation', to: 'in_service', fill: { serviceReason: `Service 2 ${language}` } })
  await move(page, {
    ...now,
    from: 'in_service',
    to: 'decommissioned',
    fill: { decommissioningReason: `Decommissioned ${language}` },
  })
  // Final status: no more buttons for the engineer.
  if (await page.locator('.status-transition--advance').count()) throw new Error('a decommissioned pump offers a move')

  // The other way into operation: a released pump without remote access.
  await page.goto(`${options.baseUrl}/admin/collections/pumps/${options.releasedPumpId}`)
  await statusShown(page, 'released', language)
  await move(page, { ...now, from: 'released', to: 'in_operation' })
  return shown
}

/** A database without models: the produce dialog says to create one first and links to the form. */
export async function checkNoModels(page: Page, baseUrl: string, pumpId: number | string, language: Language) {
  const pattern = `**/api/pumps/${pumpId}/transitions`
  await page.route(pattern, async (route) => {
    // Fetched again from the test process: say what the browser's own request says (Sec-Fetch-Site is added by its
    // network stack, not shown in headers()), or Payload's csrf check takes the cookie for a cross-site one.
    const response = await route.fetch({ headers: { ...route.request().headers(), 'sec-fetch-site': 'same-origin' } })
    const body = await response.json()
    for (const transition of body.transitions ?? [])
      for (const field of transition.fields ?? []) if (field.type === 'model') field.options = []
    await route.fulfill({ response, json: body })
  })
  try {
    await page.goto(`${baseUrl}/admin/collections/pumps/${pumpId}`)
    const dialog = await openDialog(page, 'created', 'produced', language)
    const link = dialog.locator('.status-transition__no-models a')
    await link.waitFor({ state: 'visible', timeout: UI_TIMEOUT })
    const href = await link.getAttribute('href')
    if (href !== '/admin/collections/models/create') throw new Error(`the create-model link goes to ${href}`)
    await dialog.getByRole('button', { name: language === 'ru' ? 'Отмена' : 'Cancel' }).click()
  } finally {
    await page.unroute(pattern)
  }
}
