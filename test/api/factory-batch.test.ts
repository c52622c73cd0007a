// Batch transitions through REST: one form and one password move many pumps, each with its own event and the same
// batch id; all or nothing when one pump is at the wrong status, unknown, or locked by a concurrent status change.
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'
import { sideConnection } from '../mqtt/modems'
import { cardOf, eventsOf, pumpAt } from './lifecycle-support'

useWorld()

type As = { token?: string; language?: 'en' | 'ru' }
const batch = (body: Record<string, unknown>, as: As = { token: world.tokens.service }) =>
  rest('POST', '/pumps/batch', { ...as, body: { password: world.password, ...body } })

async function serialsOf(ids: number[]) {
  return Promise.all(ids.map(async (id) => (await cardOf(id)).serial))
}

describe('a batch shipment', () => {
  it('ships every pump with one consignee and waybill, each with its event and the batch id', async () => {
    const ids = [await pumpAt('released'), await pumpAt('released'), await pumpAt('released')]
    const serials = await serialsOf(ids)
    const response = await batch({
      serials: `${serials[0]}\n${serials[1].toLowerCase()}; ${serials[2]}`,
      to: 'shipped',
      data: { consignee: 'ООО «Тепло-Монтаж»', waybillNumber: 'ТТН-77' },
      comment: 'truck 12',
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ moved: 3, to: 'shipped', message: '3 pumps moved to "Shipped"' })
    for (const id of ids) {
      const card = await cardOf(id)
      expect(card).toMatchObject({ status: 'shipped', consignee: 'ООО «Тепло-Монтаж»', waybillNumber: 'ТТН-77' })
      expect(card.shipmentDate).toEqual(expect.any(String))
      const [event] = await eventsOf(id)
      expect(event).toMatchObject({
        from: 'released',
        to: 'shipped',
        source: 'batch',
        actor: 'user',
        user: world.users.service.id,
        comment: 'truck 12',
        data: { consignee: 'ООО «Тепло-Монтаж»', waybillNumber: 'ТТН-77', batch: response.body.batch },
      })
    }
    // The ERP's register has them with their dates and documents; partners do not get it.
    const register = await rest('GET', '/pumps/register.csv', { token: world.tokens.admin })
    expect(register.status).toBe(200)
    expect(register.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const lines = (register.body as string).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe(
      'serial,model,status,iccid,productionDate,releaseDate,shipmentDate,consignee,waybillNumber,commissioningDate,decommissioningDate,responsiblePartner',
    )
    const line = lines.find((text) => text.startsWith(`${serials[0]},`))!.split(',')
    expect(line.slice(1, 3)).toEqual([world.model.code, 'shipped'])
    expect(line.slice(7, 9)).toEqual(['ООО «Тепло-Монтаж»', 'ТТН-77'])
    expect(line[6]).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(line[11]).toBe((await payload.findByID({ collection: 'partners', id: world.partnerA.id })).partnerId)
    expect(lines.length).toBeGreaterThan(await payload.count({ collection: 'pumps' }).then((r) => r.totalDocs))
    expect((await rest('GET', '/pumps/register.csv', { token: world.tokens.partner })).status).toBe(403)
  })

  it('puts released and shipped pumps into operation together, and finishes a service', async () => {
    const ids = [await pumpAt('released'), await pumpAt('shipped'), await pumpAt('in_service')]
    const response = await batch({ serials: await serialsOf(ids), to: 'in_operation' })
    expect(response.status).toBe(200)
    for (const id of ids) expect((await cardOf(id)).status).toBe('in_operation')
    expect((await cardOf(ids[0])).commissioningDate).toEqual(expect.any(String))
  })
})

describe('all or nothing', () => {
  it('moves nothing when one pump is at the wrong status, and says which and why', async () => {
    const ids = [await pumpAt('released'), await pumpAt('in_operation')]
    const serials = await serialsOf(ids)
    const data = { consignee: 'X', waybillNumber: '1' }
    const response = await batch({ serials, to: 'shipped', data }, { token: world.tokens.service, language: 'ru' })
    expect(response.status).toBe(409)
    expect(response.body.errors[0].message).toBe('1 из 2 насосов не могут перейти: ничего не изменено')
    expect(response.body.errors[0].data.pumps).toEqual([
      { serial: serials[1], reason: 'Его статус «Эксплуатируется»: в «Отгружен» он не переходит' },
    ])
    expect((await cardOf(ids[0])).status).toBe('released')
    expect(await eventsOf(ids[0])).toHaveLength(2)
  })

  it('moves nothing when another change holds a pump, and names it', async () => {
    const ids = [await pumpAt('produced'), await pumpAt('produced')]
    const serials = await serialsOf(ids)
    const side = await sideConnection()
    try {
      // Someone else's status change in progress: it holds the second pump's row.
      await side.query('begin')
      await side.query('select id from pumps where id = $1 for update', [ids[1]])
      const response = await batch({ serials, to: 'released' })
      expect(response.status).toBe(409)
      expect(response.body.errors[0].data.pumps).toEqual([
        { serial: serials[1], reason: 'Being changed by someone else right now' },
      ])
      await side.query("update pumps set status = 'released' where id = $1", [ids[1]])
      await side.query('commit')
    } finally {
      await side.end()
    }
    expect((await cardOf(ids[0])).status).toBe('produced')
    // Once the other change is done, the batch is refused for the status it left instead.
    const again = await batch({ serials, to: 'released' })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].data.pumps[0].serial).toBe(serials[1])
    expect((await cardOf(ids[0])).status).toBe('produced')
  })

  it('refuses unknown serials, bad data, a wrong password and non-staff, moving nothing', async () => {
    const id = await pumpAt('in_operation')
    const [serial] = await serialsOf([id])
    const unknown = await batch({ serials: [serial, 'NO-SUCH-PUMP'], to: 'in_service', data: { serviceReason: 'x' } })
    expect(unknown.status).toBe(404)
    expect(unknown.body.errors[0].data.pumps).toEqual([{ serial: 'NO-SUCH-PUMP', reason: 'No such pump' }])
    const missing = await batch({ serials: [serial], to: 'in_service' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].data.errors).toEqual([
      { path: 'data.serviceReason', message: 'Required for this transition' },
    ])
    const produce = await batch({ serials: [serial], to: 'produced' })
    expect(produce.body.errors[0].data.errors[0].path).toBe('to')
    const wrong = await batch({ serials: [serial], to: 'in_service', data: { serviceReason: 'x' }, password: 'nope' })
    expect(wrong.status).toBe(403)
    for (const token of [world.tokens.partner, world.tokens.owner, undefined]) {
      expect(
        (await batch({ serials: [serial], to: 'in_service', data: { serviceReason: 'x' } }, { token })).status,
      ).toBe(403)
    }
    expect((await cardOf(id)).status).toBe('in_operation')
    expect(await payload.count({ collection: 'pumpEvents', where: { pump: { equals: id } } })).toMatchObject({
      totalDocs: 4,
    })
  })
})
