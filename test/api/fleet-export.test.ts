// The pump list's CSV export (issue 14): streamed in pages, the same rows as the list with the same filter, through
// the reader's access (staff all, a partner its own, owners and strangers nothing), headers in the reader's language.
import { PUMP_FLOW_CONTEXT_KEY } from '../../src/domain/flow'
import { csvField, pumpCsvStream } from '../../src/services/fleet-export'
import { codeId, localUser, unique } from '../support/fixtures'
import { rest } from '../support/payload'
import { payload, useWorld, world } from '../support/world-suite'

useWorld()

/** RFC 4180, enough for our files: quoted fields with doubled quotes, CRLF lines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"'
      i += 1
    } else if (char === '"') {
      quoted = !quoted
    } else if (!quoted && char === ',') {
      row.push(field)
      field = ''
    } else if (!quoted && char === '\n') {
      row.push(field.replace(/\r$/, ''))
      rows.push(row)
      row = []
      field = ''
    } else {
      field += char
    }
  }
  return rows
}

async function listedSerials(query: string, token: string | undefined) {
  const serials: string[] = []
  for (let page = 1; ; page += 1) {
    const response = await rest('GET', `/pumps?${query}&limit=100&page=${page}&depth=0&sort=id`, { token })
    expect(response.status).toBe(200)
    serials.push(...response.body.docs.map((pump: { serial: string }) => pump.serial))
    if (!response.body.hasNextPage) return serials
  }
}

async function exported(query: string, token: string | undefined, language: 'en' | 'ru' = 'en') {
  const response = await rest('GET', `/pumps/export?${query}`, { token, language })
  return { ...response, rows: typeof response.body === 'string' ? parseCsv(response.body.replace(/^\uFEFF/, '')) : [] }
}

describe('the pump list as CSV', () => {
  const tag = unique('EX').toUpperCase()
  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      await payload.create({
        collection: 'pumps',
        context: { [PUMP_FLOW_CONTEXT_KEY]: 'seed' },
        data: {
          serial: `${tag}-${i}`,
          model: world.model.id,
          status: i % 2 ? 'in_operation' : 'shipped',
          responsiblePartner: i < 3 ? world.partnerA.id : world.partnerB.id,
          note: 'a "quoted", note',
        } as never,
      })
    }
  })

  it.each(['service', 'partner'] as const)(
    'gives %s the rows of the list with the same filter, in order',
    async (role) => {
      const token = world.tokens[role]
      for (const query of ['where[status][equals]=in_operation', `where[serial][like]=${tag}`, '']) {
        const csv = await exported(query, token)
        expect(csv.status).toBe(200)
        expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
        expect(csv.rows.slice(1).map((row) => row[0])).toEqual(await listedSerials(query, token))
      }
    },
  )

  it('keeps a partner to its own pumps', async () => {
    const serials = (await exported(`where[serial][like]=${tag}`, world.tokens.partner)).rows
      .slice(1)
      .map((row) => row[0])
    expect(serials).toEqual([`${tag}-0`, `${tag}-1`, `${tag}-2`])
  })

  it("speaks the reader's language and writes the list's words, not raw values", async () => {
    const ru = await exported(`where[serial][equals]=${tag}-1`, world.tokens.service, 'ru')
    expect(ru.rows[0].slice(0, 3)).toEqual(['Серийный номер', 'Модель', 'Статус эксплуатации'])
    expect(ru.rows[1]).toEqual(expect.arrayContaining([`${tag}-1`, 'Эксплуатируется', 'Не в сети']))
    const en = await exported(`where[serial][equals]=${tag}-1`, world.tokens.service, 'en')
    expect(en.rows[0][0]).toBe('Serial number')
    expect(en.rows[1]).toEqual(expect.arrayContaining(['In operation', 'Offline', world.model.name]))
  })

  it("names the model, partner and region (in the reader's language) from lists read once, not ids", async () => {
    const region = await codeId(payload, 'regions', 'RU-SVE')
    await payload.update({ collection: 'pumps', where: { serial: { equals: `${tag}-4` } }, data: { region } as never })
    const names = async (locale: 'en' | 'ru') =>
      (await payload.findByID({ collection: 'regions', id: region, locale, depth: 0 })).name
    const query = `where[serial][equals]=${tag}-4`
    const partner = (await payload.findByID({ collection: 'partners', id: world.partnerB.id, depth: 0 })).title
    for (const language of ['en', 'ru'] as const) {
      const [header, row] = (await exported(query, world.tokens.service, language)).rows
      const at = (en: string, ru: string) => row[header.indexOf(language === 'ru' ? ru : en)]
      expect(at('Model', 'Модель')).toBe(world.model.name)
      expect(at('Responsible partner', 'Ответственный партнёр')).toBe(partner)
      expect(at('Region', 'Регион')).toBe(await names(language))
    }
    expect(await names('en')).not.toBe(await names('ru'))
  })

  it('refuses owners and strangers, and a filter the reader may not use', async () => {
    expect((await exported('', world.tokens.owner)).status).toBe(403)
    expect((await exported('', undefined)).status).toBe(403)
    expect((await exported('where[passwordHash][exists]=true', world.tokens.admin)).status).toBe(400)
    expect((await exported('where[owner][exists]=true', world.tokens.partner)).status).toBe(400)
  })

  it('streams page by page instead of building the file', async () => {
    const stream = await pumpCsvStream(
      { payload, user: localUser(world, 'service') as never, where: { serial: { like: tag } }, ru: false },
      2,
    )
    const chunks: string[] = []
    const decoder = new TextDecoder()
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(decoder.decode(chunk))
    // The header, then 5 rows in pages of 2: 2, 2, 1.
    expect(chunks.map((chunk) => parseCsv(chunk.replace(/^\uFEFF/, '')).length)).toEqual([1, 2, 2, 1])
  })

  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('a "quoted", note')).toBe('"a ""quoted"", note"')
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvField(null)).toBe('')
  })
})
