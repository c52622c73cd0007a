// The fleet's words (src/domain/fleet.ts): the list address of a figure's filter, and the age of the last data.
import { filterQuery, healthQuestions, relativeAge, statusQuestions } from '../../src/domain/fleet'

describe('the fleet questions', () => {
  it('writes a filter as the list view writes its where', () => {
    const query = filterQuery({
      or: [{ and: [{ status: { equals: 'in_operation' } }, { online: { equals: false } }] }],
    })
    expect(decodeURIComponent(query)).toBe(
      'where[or][0][and][0][status][equals]=in_operation&where[or][0][and][1][online][equals]=false',
    )
    expect(new URLSearchParams(query).get('where[or][0][and][0][status][equals]')).toBe('in_operation')
  })

  it('asks about every status and dates its questions from now', () => {
    expect(statusQuestions().map((question) => question.key)).toContain('status:in_operation')
    const now = new Date('2026-12-05T12:00:00Z')
    const silent = healthQuestions(now).find((question) => question.key === 'silent')!
    expect(JSON.stringify(silent.filter)).toContain('2026-12-04T12:00:00.000Z')
    const never = healthQuestions(now).find((question) => question.key === 'neverConnected')!
    expect(JSON.stringify(never.filter)).toContain('2026-11-05T12:00:00.000Z')
    expect(JSON.stringify(never.filter)).toContain('shipmentDate')
  })

  it('says how old the last data is in the largest whole unit, in Russian and English', () => {
    const now = Date.parse('2026-12-05T12:00:00Z')
    expect(relativeAge(now - 20_000, now, 'ru')).toBe('только что')
    expect(relativeAge(now - 5 * 60_000, now, 'ru')).toBe('5 мин. назад')
    expect(relativeAge(now - 5 * 60_000, now, 'en')).toBe('5 min. ago')
    expect(relativeAge(now - 3 * 3_600_000, now, 'en')).toBe('3 hr. ago')
    expect(relativeAge(now - 2 * 86_400_000, now, 'ru')).toBe('позавчера')
  })
})

describe('which sorts the last-data index serves (src/services/last-data-order.ts)', () => {
  it('takes a sort by last data alone, or followed by the -createdAt Payload adds, and nothing else', async () => {
    const { lastDataDirection } = await import('../../src/services/last-data-order')
    expect(lastDataDirection('-lastDataAt')).toBe('desc')
    expect(lastDataDirection(['-lastDataAt', '-createdAt'])).toBe('desc')
    expect(lastDataDirection('-lastDataAt,-createdAt')).toBe('desc')
    expect(lastDataDirection('lastDataAt')).toBe('asc')
    expect(lastDataDirection('lastDataAt,-createdAt')).toBe('asc')
    expect(lastDataDirection('lastDataAt,createdAt')).toBeNull()
    expect(lastDataDirection('-lastDataAt,serial')).toBeNull()
    expect(lastDataDirection('-createdAt')).toBeNull()
    expect(lastDataDirection(undefined)).toBeNull()
  })
})

describe('which list filters the kept counters count (src/domain/pump-count-filter.ts)', () => {
  it('takes an and of equalities on partner, status and connectivity, each at most once', async () => {
    const { countableFilter } = await import('../../src/domain/pump-count-filter')
    expect(countableFilter(undefined)).toEqual({})
    expect(countableFilter({})).toEqual({})
    expect(
      countableFilter({
        and: [
          { or: [{ and: [{ status: { equals: 'in_operation' } }, { online: { equals: 'false' } }] }] },
          { responsiblePartner: { equals: '7' } },
        ],
      }),
    ).toEqual({ status: 'in_operation', online: false, partner: 7 })
    expect(countableFilter({ responsiblePartner: { equals: null }, online: { equals: true } })).toEqual({
      partner: null,
      online: true,
    })
    expect(countableFilter({ and: [{ status: { equals: 'produced' } }, { status: { equals: 'produced' } }] })).toEqual({
      status: 'produced',
    })
  })

  it('leaves everything else to the database', async () => {
    const { countableFilter } = await import('../../src/domain/pump-count-filter')
    for (const where of [
      { owner: { equals: 3 } },
      { status: { not_equals: 'created' } },
      { status: { in: ['created'] } },
      { status: { equals: 'created', not_equals: 'produced' } },
      { and: [{ status: { equals: 'created' } }, { status: { equals: 'produced' } }] },
      { or: [{ status: { equals: 'created' } }, { status: { equals: 'produced' } }] },
      { online: { equals: 'yes' } },
      { responsiblePartner: { equals: 'abc' } },
      { 'responsiblePartner.name': { equals: 'x' } },
      { and: {} },
    ])
      expect(countableFilter(where)).toBeNull()
  })
})
