import { checkIccid, luhnValid } from '../../src/domain/iccid'
import { isPumpStatus, PUMP_STATUSES, STATUS_LABELS } from '../../src/domain/lifecycle'
import { normalizePartnerId, randomPartnerId, PARTNER_ID_PATTERN } from '../../src/domain/partner-id'
import { normalizePhone } from '../../src/domain/phone'
import { sameFieldValue } from '../../src/domain/pump'
import { isIanaTimeZone, timezoneForRegion } from '../../src/domain/timezone'

describe('phone numbers', () => {
  it('normalises a Russian number typed the local way to E.164', () => {
    expect(normalizePhone('8 (912) 345-67-89', 'RU')).toEqual({ ok: true, phone: '+79123456789' })
  })
  it('keeps an international number whatever the default country', () => {
    expect(normalizePhone('+7 701 234 5678', 'DE')).toEqual({ ok: true, phone: '+77012345678' })
  })
  it('refuses what is not a phone number', () => {
    expect(normalizePhone('12345')).toEqual({ ok: false, reason: 'invalid' })
    expect(normalizePhone('call me')).toEqual({ ok: false, reason: 'invalid' })
  })
})

describe('ICCID', () => {
  it('accepts a 20-digit ICCID with a right Luhn digit, ignoring spaces', () => {
    expect(checkIccid('8970 1012 3456 7890 1234')).toEqual({ ok: true, iccid: '89701012345678901234' })
  })
  it('names what is wrong', () => {
    expect(checkIccid('89701012345678901238')).toEqual({ ok: false, reason: 'checksum' })
    expect(checkIccid('12701012345678901234')).toEqual({ ok: false, reason: 'prefix' })
    expect(checkIccid('8970')).toEqual({ ok: false, reason: 'format' })
    expect(checkIccid('8970101234567890123x')).toEqual({ ok: false, reason: 'format' })
  })
  it('computes Luhn like the reference example 79927398713', () => {
    expect(luhnValid('79927398713')).toBe(true)
    expect(luhnValid('79927398710')).toBe(false)
  })
})

describe('lifecycle statuses', () => {
  it('lists the seven statuses in the customer order, each labelled in both languages', () => {
    expect(PUMP_STATUSES).toEqual([
      'created',
      'produced',
      'released',
      'shipped',
      'in_operation',
      'in_service',
      'decommissioned',
    ])
    for (const status of PUMP_STATUSES) {
      expect(STATUS_LABELS[status].en).toBeTruthy()
      expect(STATUS_LABELS[status].ru).toBeTruthy()
    }
    expect(isPumpStatus('released')).toBe(true)
    expect(isPumpStatus('broken')).toBe(false)
  })
})

describe('partner IDs', () => {
  it('generates P- and five digits', () => {
    expect(randomPartnerId(() => 0)).toBe('P-10000')
    expect(randomPartnerId(() => 0.99999)).toMatch(PARTNER_ID_PATTERN)
  })
  it('accepts what partners type', () => {
    expect(normalizePartnerId(' p10234 ')).toBe('P-10234')
    expect(normalizePartnerId('P-10234')).toBe('P-10234')
    expect(normalizePartnerId('P-1023')).toBeNull()
  })
})

describe('time zones', () => {
  it('knows IANA names', () => {
    expect(isIanaTimeZone('Asia/Yekaterinburg')).toBe(true)
    expect(isIanaTimeZone('Mars/Olympus')).toBe(false)
  })
  it('takes the zone from the region', () => {
    expect(timezoneForRegion({ timezone: 'Europe/Samara' })).toBe('Europe/Samara')
    expect(timezoneForRegion(null)).toBeNull()
  })
})

describe('comparing card values', () => {
  it('treats a date as Date or ISO text alike, and absent as null', () => {
    expect(sameFieldValue(new Date('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z')).toBe(true)
    expect(sameFieldValue(undefined, null)).toBe(true)
    expect(sameFieldValue('created', 'released')).toBe(false)
    expect(sameFieldValue([{ code: 'E1' }], [{ code: 'E1' }])).toBe(true)
  })
})
