// SIM card numbers (ICCID, ITU-T E.118): 19 or 20 digits starting with the telecom prefix 89,
// the last digit a Luhn check digit over the others.

export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** Spaces and dashes people type between digit groups are dropped. */
export function normalizeIccid(input: string): string {
  return input.replace(/[\s-]/g, '')
}

export type IccidCheck = { ok: true; iccid: string } | { ok: false; reason: 'format' | 'prefix' | 'checksum' }

export function checkIccid(input: string): IccidCheck {
  const iccid = normalizeIccid(input)
  if (!/^\d{19,20}$/.test(iccid)) return { ok: false, reason: 'format' }
  if (!iccid.startsWith('89')) return { ok: false, reason: 'prefix' }
  if (!luhnValid(iccid)) return { ok: false, reason: 'checksum' }
  return { ok: true, iccid }
}

export const ICCID_ERRORS = {
  format: { en: 'A SIM number (ICCID) has 19 or 20 digits', ru: 'Номер SIM-карты (ICCID) состоит из 19 или 20 цифр' },
  prefix: { en: 'A SIM number (ICCID) starts with 89', ru: 'Номер SIM-карты (ICCID) начинается с 89' },
  checksum: {
    en: 'The SIM number (ICCID) has a wrong check digit: please re-check it',
    ru: 'Неверная контрольная цифра номера SIM-карты (ICCID): проверьте номер',
  },
} as const
