// The admin panel in a real browser: the real server (src/start.ts, as `npm start` runs it) on the run's
// test database, Chromium driven by playwright-core, the UI in Russian.
//
// Needs a Chromium executable: CHROMIUM_PATH, else /usr/bin/chromium, else /usr/bin/chromium-browser.
// Without one the suite is skipped with a message, unless REQUIRE_BROWSER=1 (CI), which makes it fail.
// The first start after source changes runs `next build` (src/runtime/build.ts), hence the long timeouts.
// The test writes nothing into the repository (src/start.ts itself may refresh .next): the server's log and
// failure screenshots go to os.tmpdir().
//
// The server, the browser and the shared page: admin-session.ts; the accounts and pumps: admin-fixture.ts.
import os from 'node:os'
import path from 'node:path'

import { ADMIN, ENGINEER, MODEL_NAME, PARTNER, SERIAL, UNCLAIMED } from './admin-fixture'
import {
  browserRequired,
  chromiumPath,
  expectVisible,
  fixture,
  noChromiumMessage,
  page,
  server,
  signedInAs,
  step,
  UI_TIMEOUT,
  useAdminBrowser,
} from './admin-session'
import { logIn } from './forms'
import { checkLiveRefresh } from './live-card'
import { checkTelemetryCard } from './telemetry-card'
import { checkNoModels, walkLifecycle } from './lifecycle-walk'

if (!chromiumPath && browserRequired) {
  describe('admin panel in a browser', () => {
    it('needs a Chromium executable (REQUIRE_BROWSER=1)', () => {
      throw new Error(`REQUIRE_BROWSER=1 but ${noChromiumMessage}`)
    })
  })
} else {
  const describeWithBrowser = chromiumPath ? describe : describe.skip

  describeWithBrowser('admin panel in a browser (ru-RU)', () => {
    useAdminBrowser()

    it('shows the login page in Russian and logs the admin in', async () => {
      await step('login', async () => {
        await page.goto(`${server!.url}/admin`)
        await page.waitForURL(/\/admin\/login/)
        await expectVisible(page, 'form input[name="email"]', 'the e-mail input')
        await expectVisible(page, 'form input[name="password"]', 'the password input')
        expect(await page.locator('html').getAttribute('lang')).toBe('ru')

        await logIn(page, server!.url, ADMIN)
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
        await expectVisible(
          page,
          '.field-type.relationship',
          'the region «Свердловская область»',
          'Свердловская область',
        )
      })
    })

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
        await expectVisible(
          page,
          'button',
          'the next button «Следующий статус: Отгружен»',
          'Следующий статус: Отгружен',
        )
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

    it('names follow the interface language; the content-locale switch shows only where names are kept in two languages, and it switches them (en)', async () => {
      await signedInAs(
        ADMIN,
        'content-locale',
        async () => {
          await page.goto(`${server!.url}/admin/collections/pumps`)
          await page.locator('table tbody tr').first().waitFor({ state: 'visible' })
          // No "Locale: Русский" above an English page that has nothing localized; the names follow English.
          expect(await page.locator('.app-header__localizer').isVisible()).toBe(false)
          await page.waitForURL((url) => url.searchParams.get('locale') === 'en')
          await page.goto(`${server!.url}/admin/collections/regions?where[code][equals]=RU-SVE`)
          const switcher = page.locator('.app-header__localizer')
          await switcher.waitFor({ state: 'visible' })
          await expect(switcher.textContent()).resolves.toContain('Names in')
          await expectVisible(page, 'table tbody', 'the English name, as the interface', 'Sverdlovsk Oblast')
          await switcher.locator('.popup-button').click()
          await page.locator('.popup__content').getByText('Русский (ru)', { exact: true }).click()
          await page.waitForURL((url) => url.searchParams.get('locale') === 'ru')
          await expectVisible(page, 'table tbody', 'the Russian region name', 'Свердловская область')
        },
        'en-US',
      )
    })

    for (const [language, locale] of [
      ['ru', 'ru-RU'],
      ['en', 'en-US'],
    ] as const) {
      it(`an open pump card follows the modem without a reload and keeps what is being typed (${language})`, async () => {
        const check = () => checkLiveRefresh(page, server!.url, fixture.live[language], language)
        await signedInAs(ADMIN, `live-card-${language}`, check, locale)
      }, 120_000)
    }

    for (const [language, locale] of [
      ['ru', 'ru-RU'],
      ['en', 'en-US'],
    ] as const) {
      it(`the pump card shows the latest readings and their chart: keys, ranges, custom range, CSV (${language})`, async () => {
        // In the temp folder like the other screenshots; docs/screenshots/telemetry-*.png are copies of these.
        const shots = os.tmpdir()
        const check = () => checkTelemetryCard(page, server!.url, fixture.telemetry, language, shots)
        await signedInAs(ADMIN, `telemetry-${language}`, check, locale)
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
        await expectVisible(
          page,
          '.register-pump-form__error',
          'the refusal',
          'Неверный серийный номер или пароль насоса',
        )
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
