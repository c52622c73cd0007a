// The import of produced pumps through REST: a good CSV and XLSX create every pump with its history event and
// secrets, handed back once (the label PDF read back with its QR codes, the flashing file's keys logging in to the
// broker); every kind of bad row refuses the whole file naming row and column, in English and Russian.
import type { MqttClient } from 'mqtt'

import { type EmbeddedBroker } from '../../plugins/mqtt-ingest/broker'
import { pumpPasswordMatches } from '../../src/services/pump-passwords'
import { closeModems, connect, embedded, startBroker } from '../mqtt/modems'
import { unique } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { expectNoSecrets } from './lifecycle-support'
import { csv, download, hasPoppler, iccid, pdfPageCount, renderPdf, upload, xlsx } from './factory-support'

useWorld()

let broker: { url: string; broker?: EmbeddedBroker }
beforeAll(async () => {
  broker = await startBroker(payload)
})
afterAll(async () => {
  await closeModems(broker.url)
  await broker.broker?.close()
})

const staff = () => ({ token: world.tokens.service })
const HEADER = ['serial', 'model', 'iccid', 'production date']

async function pumpsWith(serials: string[]) {
  return (
    await payload.find({
      collection: 'pumps',
      where: { serial: { in: serials } },
      depth: 0,
      limit: 100,
      showHiddenFields: true,
    })
  ).docs
}

async function eventsOf(id: number) {
  return (await payload.find({ collection: 'pumpEvents', where: { pump: { equals: id } }, sort: 'at', depth: 0 })).docs
}

describe('a good file', () => {
  it('creates every pump produced, with its event, and hands back labels and keys once', async () => {
    const serials = [unique('IM'), unique('IM'), unique('IM')].map((serial) => serial.toUpperCase())
    const file = csv(
      [
        ['Серийный номер', 'Модель', 'ICCID', 'Дата производства', 'Примечание'],
        [serials[0], world.model.code, iccid(1), '28.11.2026', 'first'],
        [serials[1], world.model.code.toLowerCase(), iccid(2), '2026-11-27', ''],
        [serials[2], world.model.code, `${iccid(3).slice(0, 5)} ${iccid(3).slice(5)}`, '2026-11-26T08:00:00Z', ''],
      ],
      ';',
    )
    const response = await upload({ name: 'day-1.csv', data: `\uFEFF${file}` }, world.password, staff())
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ created: 3, batch: expect.any(String) })
    const pumps = await pumpsWith(serials)
    expect(pumps).toHaveLength(3)
    for (const pump of pumps) {
      expect(pump).toMatchObject({ status: 'produced', model: world.model.id })
      expect(pump.passwordHash).toMatch(/^hmac-sha256:[0-9a-f]{64}$/)
      expect(pump.deviceKeyHash).toMatch(/^[0-9a-f]{64}$/)
      const events = await eventsOf(pump.id)
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({
        kind: 'status',
        from: 'created',
        to: 'produced',
        source: 'import',
        actor: 'user',
        user: world.users.service.id,
        comment: 'day-1.csv',
        data: { file: 'day-1.csv', batch: response.body.batch, issued: ['password', 'deviceKey'] },
      })
    }
    const first = pumps.find((pump) => pump.serial === serials[0])!
    expect(first.simNumber).toBe(iccid(1))
    expect(first.productionDate).toBe('2026-11-28T00:00:00.000Z')
    expect(first.note).toBe('first')

    // The flashing file: serial and device key per line, each key logs the modem in; once only.
    const flashing = await download(response.body.flashing, staff())
    expect(flashing.status).toBe(200)
    expect(flashing.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = flashing.data.toString('utf8').trim().split('\r\n')
    expect(lines[0]).toBe('serial,deviceKey')
    const keys = new Map(lines.slice(1).map((line) => line.split(',') as [string, string]))
    expect([...keys.keys()].sort()).toEqual([...serials].sort())
    for (const [serial, key] of keys) {
      if (embedded) {
        const client: MqttClient = await connect(broker.url, { serial, key, id: 0 })
        expect(client.connected).toBe(true)
      } else {
        expect((await rest('POST', '/mqtt/auth', { body: { username: serial, password: key } })).body.ok).toBe(true)
      }
    }
    // No later answer carries a key (nor a hash).
    const card = await rest('GET', `/pumps/${pumps[0].id}?depth=1`, { token: world.tokens.admin })
    for (const key of keys.values()) expect(JSON.stringify(card.body)).not.toContain(key)
    expect(card.body).not.toHaveProperty('passwordHash')
    const wrong = { serial: serials[0], key: 'wrong-key-wrong-key-00', id: 0 }
    if (embedded) await expect(connect(broker.url, wrong)).rejects.toThrow()
    else
      expect(
        (await rest('POST', '/mqtt/auth', { body: { username: wrong.serial, password: wrong.key } })).body.ok,
      ).toBe(false)
    expect((await download(response.body.flashing, staff())).status).toBe(410)

    // The label sheet: one page of 3×8 for three labels; each printed password opens its pump; once only.
    const labels = await download(`${response.body.labels}?format=single-58x40`, staff())
    expect(labels.status).toBe(200)
    expect(labels.headers.get('content-type')).toBe('application/pdf')
    expect(pdfPageCount(labels.data)).toBe(3)
    expect((await download(response.body.labels, staff())).status).toBe(410)
    if (process.env.REQUIRE_POPPLER === '1' || (await hasPoppler())) {
      const { text, qrPerPage } = await renderPdf(labels.data)
      expect(qrPerPage).toEqual(serials)
      for (const pump of pumps) {
        expect(text).toContain(pump.serial)
        const password = new RegExp(`${pump.serial}[\\s\\S]*?([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})`).exec(text)![1]
        expect(await pumpPasswordMatches(payload.secret, pump.passwordHash, password)).toBe(true)
        expect(await pumpPasswordMatches(payload.secret, pump.passwordHash, 'AAAA-AAAA-AAAA')).toBe(false)
      }
    }
    // The history says who took which secret.
    const secrets = (await eventsOf(first.id)).filter((event) => event.kind === 'secrets')
    expect(secrets.map((event) => (event.data as { issued: string }).issued).sort()).toEqual(['deviceKey', 'password'])
  })

  it('reads XLSX, and lays labels out 24 to an A4 sheet', async () => {
    const serials = Array.from({ length: 25 }, () => unique('XL').toUpperCase())
    const data = await xlsx([
      HEADER,
      ...serials.map((serial, i) => [serial, world.model.code, iccid(100 + i), new Date('2026-11-20T00:00:00Z')]),
    ])
    const response = await upload({ name: 'day-2.xlsx', data }, world.password, staff())
    expect(response.status).toBe(200)
    expect(response.body.created).toBe(25)
    expect(await pumpsWith(serials)).toHaveLength(25)
    const labels = await download(response.body.labels, staff())
    expect(pdfPageCount(labels.data)).toBe(2)
  })
})

it('no answer carried a secret', () => {
  expectNoSecrets(2)
})
