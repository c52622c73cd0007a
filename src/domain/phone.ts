// Owners' phone numbers are kept in E.164 so that one phone is one buyer, however it was typed.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

export type PhoneCheck = { ok: true; phone: string } | { ok: false; reason: 'invalid' }

/**
 * "8 (912) 345-67-89" with country RU becomes "+79123456789". The country is the one the number is
 * dialled from when it has no "+" prefix; Russia by default, the customer's home market.
 */
export function normalizePhone(input: string, defaultCountry: string = 'RU'): PhoneCheck {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry.toUpperCase() as CountryCode)
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid' }
  return { ok: true, phone: parsed.number }
}

export const PHONE_ERRORS = {
  invalid: {
    en: 'Not a valid phone number: give it with the country code, e.g. +7 912 345-67-89',
    ru: 'Неверный номер телефона: укажите его с кодом страны, например +7 912 345-67-89',
  },
} as const
