// The import refuses a whole file for any bad row, naming each problem's row and column in the caller's language,
// and nothing is created; and it is refused to partners, owners, strangers, a wrong password and a too large file.
import { pumpPasswordMatches } from '../../src/services/pump-passwords'
import { unique } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { expectNoSecrets } from './lifecycle-support'
import { csv, download, hasPoppler, iccid, pdfPageCount, rawPost, renderPdf, upload } from './factory-support'

useWorld()

const HEADER = ['serial', 'model', 'iccid', 'production date']

async function existing(serials: string[]) {
  return payload.count({ collection: 'pumps', where: { serial: { in: serials } } }).then((r) => r.totalDocs)
}

function problems(body: { errors?: { data?: { errors?: { path: string; message: string }[] } }[] }) {
  return body.errors?.[0]?.data?.errors ?? []
}

describe('a file with bad rows is refused whole', () => {
  it('names every problem by row and column, in English and in Russian', async () => {
    const taken = world.pumps.unclaimed.serial
    const good = unique('OK').toUpperCase()
    const dup = unique('DUP').toUpperCase()
    const badIccid = iccid(7).slice(0, -1) + ((Number(iccid(7).slice(-1)) + 1) % 10)
    const rows = [
      HEADER,
      [good, world.model.code, iccid(1), '2026-11-28'], // row 2: good
      [dup, world.model.code, iccid(2), '2026-11-28'], // row 3
      [dup, world.model.code, iccid(3), '2026-11-28'], // row 4: same serial as row 3
      [taken, world.model.code, iccid(4), '2026-11-28'], // row 5: already in the database
      [unique('M').toUpperCase(), 'NO-SUCH-MODEL', iccid(5), '2026-11-28'], // row 6
      [unique('I').toUpperCase(), world.model.code, badIccid, '2026-11-28'], // row 7: check digit
      [unique('D').toUpperCase(), world.model.code, iccid(8), '31.02.2026'], // row 8: no such day
      [unique('F').toUpperCase(), world.model.code, iccid(9), '2999-01-01'], // row 9: the future
      ['', world.model.code, iccid(10), '2026-11-28'], // row 10: no serial
      [unique('S').toUpperCase(), world.model.code, '123', 'yesterday'], // row 11: two problems
    ]
    const en = await upload({ name: 'bad.csv', data: csv(rows) }, world.password, { token: world.tokens.service })
    expect(en.status).toBe(400)
    expect(problems(en.body).map((problem) => problem.path)).toEqual([
      'rows.4.serial',
      'rows.5.serial',
      'rows.6.model',
      'rows.7.iccid',
      'rows.8.productionDate',
      'rows.9.productionDate',
      'rows.10.serial',
      'rows.11.iccid',
      'rows.11.productionDate',
    ])
    const messages = problems(en.body).map((problem) => problem.message)
    expect(messages[0]).toBe('Row 4, column "serial": The same serial as row 3')
    expect(messages[1]).toBe('Row 5, column "serial": A pump with this serial already exists')
    expect(messages[2]).toBe('Row 6, column "model": No model with the code "NO-SUCH-MODEL"')
    expect(messages[3]).toMatch(/^Row 7, column "iccid": The SIM number \(ICCID\) has a wrong check digit/)
    expect(messages[4]).toMatch(/^Row 8, column "production date": Not a date/)
    expect(messages[5]).toMatch(/^Row 9, column "production date": The date must be between 2000 and today/)
    expect(messages[6]).toBe('Row 10, column "serial": Required')
    const ru = await upload({ name: 'bad.csv', data: csv(rows) }, world.password, {
      token: world.tokens.service,
      language: 'ru',
    })
    expect(ru.status).toBe(400)
    const russian = problems(ru.body).map((problem) => problem.message)
    expect(russian[0]).toBe('Строка 4, столбец «серийный номер»: Тот же серийный номер, что в строке 3')
    expect(russian[1]).toBe('Строка 5, столбец «серийный номер»: Насос с таким серийным номером уже есть')
    expect(russian[2]).toBe('Строка 6, столбец «модель»: Нет модели с кодом «NO-SUCH-MODEL»')
    expect(russian[3]).toMatch(/^Строка 7, столбец «ICCID»: Неверная контрольная цифра/)
    expect(russian[4]).toMatch(/^Строка 8, столбец «дата производства»: Не дата/)
    expect(russian[6]).toBe('Строка 10, столбец «серийный номер»: Обязательное поле')
    // Nothing at all was created, not even the good row's pump.
    expect(await existing([good, dup])).toBe(0)
  })

  it('refuses a file without the columns, an empty file, and one that is not CSV or XLSX', async () => {
    const as = { token: world.tokens.service }
    const noColumns = await upload({ name: 'x.csv', data: 'serial,colour\nA1,red' }, world.password, as)
    expect(noColumns.status).toBe(400)
    expect(problems(noColumns.body).map((problem) => problem.path)).toEqual([
      'rows.1.file',
      'rows.1.model',
      'rows.1.iccid',
      'rows.1.productionDate',
    ])
    expect(problems(noColumns.body)[0].message).toMatch(/^Row 1: Unknown column "colour"/)
    const empty = await upload({ name: 'x.csv', data: HEADER.join(',') }, world.password, as)
    expect(problems(empty.body)[0].message).toBe('Row 1: The file has no rows of pumps')
    const pdf = await upload({ name: 'x.pdf', data: '%PDF-1.4' }, world.password, as)
    expect(pdf.status).toBe(400)
    expect(problems(pdf.body)[0]).toEqual({ path: 'file', message: 'Upload a CSV or XLSX file' })
    const broken = await upload({ name: 'x.xlsx', data: Buffer.from('PK\u0003\u0004broken') }, world.password, as)
    expect(problems(broken.body)[0]).toEqual({ path: 'file', message: 'The file is not a readable XLSX' })
  })
})

describe('who may import', () => {
  const tried: string[] = []
  const file = () => {
    tried.push(unique('WHO').toUpperCase())
    return { name: 'one.csv', data: csv([HEADER, [tried.at(-1)!, world.model.code, iccid(20), '2026-11-28']]) }
  }

  it('refuses partners, owners and strangers, and a wrong or missing password, creating nothing', async () => {
    for (const token of [world.tokens.partner, world.tokens.owner, undefined]) {
      const refused = await upload(file(), world.password, { token })
      expect(refused.status).toBe(403)
    }
    const wrong = await upload(file(), 'not-my-password', { token: world.tokens.service, language: 'ru' })
    expect(wrong.status).toBe(403)
    expect(wrong.body.errors[0].message).toBe('Неверный пароль: насосы не импортированы')
    const missing = await upload(file(), undefined, { token: world.tokens.service })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].data.errors[0]).toEqual({ path: 'password', message: 'Enter your password' })
    expect(await existing(tried)).toBe(0)
  })

  it('refuses a file over the size limit with a clear message', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 'a')
    const response = await upload({ name: 'big.csv', data: big }, world.password, { token: world.tokens.admin })
    expect(response.status).toBe(413)
    expect(response.body.errors[0].message).toMatch(/^The file is too large: at most 5 MB/)
  })

  it('hands the secrets only to the one who imported, once', async () => {
    const ok = await upload(file(), world.password, { token: world.tokens.service })
    expect(ok.status).toBe(200)
    expect((await download(ok.body.labels, { token: world.tokens.admin })).status).toBe(410)
    expect((await download(ok.body.labels, { token: world.tokens.partner })).status).toBe(403)
    expect(
      (await download(ok.body.labels.replace('/labels', 'A/labels'), { token: world.tokens.service })).status,
    ).toBe(410)
    expect((await download(ok.body.labels, { token: world.tokens.service })).status).toBe(200)
    const secondTime = await download(ok.body.labels, { token: world.tokens.service, language: 'ru' })
    expect(secondTime.status).toBe(410)
    expect(JSON.parse(secondTime.data.toString()).errors[0].message).toMatch(/^Этот файл уже скачан/)
    expectNoSecrets(5)
  })
})

describe('one pump’s secrets again', () => {
  it('reissues the printed password as a new label: the old one stops working, the history says who', async () => {
    const ok = await upload(
      { name: 'one.csv', data: csv([HEADER, [unique('RE').toUpperCase(), world.model.code, iccid(30), '2026-11-28']]) },
      world.password,
      { token: world.tokens.service },
    )
    const labels = await download(ok.body.labels, { token: world.tokens.service })
    const [pump] = (await payload.find({ collection: 'pumps', sort: '-id', limit: 1, showHiddenFields: true })).docs
    const reissue = (token: string | undefined, password: string) =>
      rawPost(`/api/pumps/${pump.id}/password-label?format=a4-2x7`, { password }, token)
    expect((await reissue(world.tokens.partner, world.password)).status).toBe(403)
    expect((await reissue(world.tokens.service, 'wrong-password')).status).toBe(403)
    const response = await reissue(world.tokens.service, world.password)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(pdfPageCount(response.data)).toBe(1)
    const after = await payload.findByID({ collection: 'pumps', id: pump.id, showHiddenFields: true })
    expect(after.passwordHash).not.toBe(pump.passwordHash)
    if (process.env.REQUIRE_POPPLER === '1' || (await hasPoppler())) {
      const printed = (pdf: Buffer) =>
        renderPdf(pdf).then(({ text }) => /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(text)![0])
      const [before, now] = [await printed(labels.data), await printed(response.data)]
      expect(await pumpPasswordMatches(payload.secret, after.passwordHash, now)).toBe(true)
      expect(await pumpPasswordMatches(payload.secret, after.passwordHash, before)).toBe(false)
    }
    const events = (
      await payload.find({ collection: 'pumpEvents', where: { pump: { equals: pump.id } }, sort: '-id', depth: 0 })
    ).docs
    expect(events[0]).toMatchObject({
      kind: 'secrets',
      source: 'reissue',
      user: world.users.service.id,
      data: { issued: 'password' },
    })
    // A new device key is recorded the same way.
    const key = await rest('POST', `/pumps/${pump.id}/device-key`, {
      token: world.tokens.admin,
      body: { password: world.password },
    })
    expect(key.status).toBe(200)
    const [last] = (
      await payload.find({ collection: 'pumpEvents', where: { pump: { equals: pump.id } }, sort: '-id', depth: 0 })
    ).docs
    expect(last).toMatchObject({
      kind: 'secrets',
      source: 'reissue',
      user: world.users.admin.id,
      data: { issued: 'deviceKey' },
    })
  })
})

it('two imports of the same file at once: one lands whole, the other is refused with nothing written', async () => {
  const serials = [unique('TW').toUpperCase(), unique('TW').toUpperCase()]
  const file = () => ({
    name: 'twice.csv',
    data: csv([HEADER, ...serials.map((serial, i) => [serial, world.model.code, iccid(40 + i), '2026-11-28'])]),
  })
  const as = { token: world.tokens.service }
  const answers = await Promise.all([upload(file(), world.password, as), upload(file(), world.password, as)])
  const statuses = answers.map((answer) => answer.status).sort()
  expect(statuses[0]).toBe(200)
  expect([400, 409]).toContain(statuses[1])
  expect(await existing(serials)).toBe(2)
  const events = await payload.count({ collection: 'pumpEvents', where: { 'pump.serial': { in: serials } } })
  expect(events.totalDocs).toBe(2)
})
