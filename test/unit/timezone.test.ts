// Dates in the pump's time zone: the one format of the admin, read and written as the wall clock where the pump is.
import { formatInZone, offsetLabel, parseInZone, zoneOffsetMinutes } from '../../src/domain/timezone'

describe('formatInZone', () => {
  it('writes the wall clock of the zone in dd.MM.yyyy HH:mm', () => {
    const at = '2026-11-28T11:18:00.000Z'
    expect(formatInZone(at, 'Europe/Moscow')).toBe('28.11.2026 14:18')
    expect(formatInZone(at, 'Asia/Yekaterinburg')).toBe('28.11.2026 16:18')
    expect(formatInZone(at, 'America/St_Johns')).toBe('28.11.2026 07:48')
    expect(formatInZone('2026-12-31T22:30:00Z', 'Asia/Vladivostok')).toBe('01.01.2027 08:30')
  })

  it('gives nothing for no date or a date it cannot read', () => {
    expect(formatInZone(null, 'Europe/Moscow')).toBe('')
    expect(formatInZone('', 'Europe/Moscow')).toBe('')
    expect(formatInZone('not a date', 'Europe/Moscow')).toBe('')
  })
})

describe('parseInZone', () => {
  it('reads the wall clock of the zone back to the same instant', () => {
    expect(parseInZone('28.11.2026 14:18', 'Europe/Moscow')?.toISOString()).toBe('2026-11-28T11:18:00.000Z')
    expect(parseInZone('01.01.2027 08:30', 'Asia/Vladivostok')?.toISOString()).toBe('2026-12-31T22:30:00.000Z')
    expect(parseInZone('5.3.2026', 'UTC')?.toISOString()).toBe('2026-03-05T00:00:00.000Z')
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      for (const iso of ['2026-01-15T09:05:00.000Z', '2026-07-15T21:40:00.000Z']) {
        expect(parseInZone(formatInZone(iso, zone), zone)?.toISOString()).toBe(iso)
      }
    }
  })

  it('follows summer time in zones that have it', () => {
    expect(parseInZone('15.07.2026 12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-07-15T10:00:00.000Z')
    expect(parseInZone('15.01.2026 12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-01-15T11:00:00.000Z')
    // 02:30 does not exist on the night clocks go forward; it is read as 03:30 summer time.
    expect(parseInZone('29.03.2026 02:30', 'Europe/Berlin')?.toISOString()).toBe('2026-03-29T01:30:00.000Z')
  })

  it('refuses what is not a real date in that form', () => {
    for (const text of [
      '',
      '2026-11-28 14:18',
      '31.02.2026 10:00',
      '28.13.2026',
      '28.11.2026 24:00',
      '28.11.2026 14:60',
      '28/11/2026',
    ]) {
      expect(parseInZone(text, 'Europe/Moscow')).toBeNull()
    }
  })
})

describe('offsets', () => {
  it('names the offset of the zone at that moment', () => {
    expect(zoneOffsetMinutes(new Date('2026-11-28T00:00:00Z'), 'Europe/Moscow')).toBe(180)
    expect(offsetLabel(new Date('2026-11-28T00:00:00Z'), 'Europe/Moscow')).toBe('UTC+3')
    expect(offsetLabel(new Date('2026-07-01T00:00:00Z'), 'America/St_Johns')).toBe('UTC−2:30')
    expect(offsetLabel(new Date('2026-07-01T00:00:00Z'), 'UTC')).toBe('UTC')
  })
})
