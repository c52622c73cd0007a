// Proving possession of a pump (serial + the password printed on it) and of a phone (a one-time SMS code):
// the limits and the outcomes every attempt is recorded with. Plain TypeScript, unit-tested.
import type { Bilingual } from './messages'

/** The most characters each input of a claim or registration may have: longer is refused early (400). */
export const INPUT_MAX_LENGTH: Record<string, number> = {
  serial: 64,
  partnerId: 32,
  password: 128,
  pumpPassword: 128,
  phone: 32,
  code: 16,
  simNumber: 40,
  country: 8,
  region: 16,
  nickname: 200,
  currentPassword: 128,
  email: 254,
  message: 8000,
}

/** A serial as it is kept in the attempts log: at most this long. */
export const LOGGED_SERIAL_LENGTH = 64

/** Who asked: a partner claiming a pump in the portal, or an owner registering one from the app. */
export const REGISTRATION_FLOWS = ['partner_claim', 'owner_registration'] as const
export type RegistrationFlow = (typeof REGISTRATION_FLOWS)[number]

export const REGISTRATION_OUTCOMES = [
  'claimed',
  'already_yours',
  'registered',
  'wrong_credentials',
  'claimed_by_other',
  'owned_by_other',
  'phone_not_proven',
  'throttled',
  'invalid_input',
] as const
export type RegistrationOutcome = (typeof REGISTRATION_OUTCOMES)[number]

/** Outcomes that count toward the limit: guessing a pump's password or someone's code. */
export const FAILED_OUTCOMES: readonly RegistrationOutcome[] = ['wrong_credentials', 'phone_not_proven']

export const REGISTRATION_OUTCOME_LABELS: Record<RegistrationOutcome, Bilingual> = {
  claimed: { en: 'Claimed by the partner', ru: 'Закреплён за партнёром' },
  already_yours: { en: 'Already the partner’s', ru: 'Уже закреплён за этим партнёром' },
  registered: { en: 'Registered by the owner', ru: 'Зарегистрирован владельцем' },
  wrong_credentials: { en: 'Wrong serial or pump password', ru: 'Неверный серийный номер или пароль насоса' },
  claimed_by_other: { en: 'Held by another partner', ru: 'Закреплён за другим партнёром' },
  owned_by_other: { en: 'Registered to another owner', ru: 'Зарегистрирован на другого владельца' },
  phone_not_proven: { en: 'Phone not confirmed', ru: 'Телефон не подтверждён' },
  throttled: { en: 'Too many attempts', ru: 'Слишком много попыток' },
  invalid_input: { en: 'Invalid input (too long)', ru: 'Неверные данные (слишком длинные)' },
}

export const REGISTRATION_FLOW_LABELS: Record<RegistrationFlow, Bilingual> = {
  partner_claim: { en: 'Partner portal', ru: 'Портал партнёра' },
  owner_registration: { en: 'Mobile app', ru: 'Мобильное приложение' },
}

export type AttemptLimits = { guesserFailures: number; serialFailures: number; windowMs: number }

/** Refused when the guesser (account, phone, client address) or the serial, from everyone together, failed too often. */
export function isThrottled(failures: { guesser: number; serial: number }, limits: AttemptLimits): boolean {
  return failures.guesser >= limits.guesserFailures || failures.serial >= limits.serialFailures
}

/** One-time codes sent by SMS to prove a phone. */
export const PHONE_CODE = {
  digits: 6,
  ttlMs: 10 * 60_000,
  /** Wrong entries before a code is spent. */
  maxChecks: 5,
  /** The least time between two codes to one phone, and the most codes per phone per hour. */
  resendAfterMs: 60_000,
  perHour: 5,
} as const

export function generatePhoneCode(randomInt: (max: number) => number): string {
  return String(randomInt(10 ** PHONE_CODE.digits)).padStart(PHONE_CODE.digits, '0')
}

export type CodeRequestCheck = { ok: true } | { ok: false; retryAfterSeconds: number }

/** Whether another code may be sent now, given when the phone's codes of the last hour were sent. */
export function mayRequestCode(sentAt: readonly Date[], now: Date): CodeRequestCheck {
  const recent = sentAt
    .filter((time) => now.getTime() - time.getTime() < 3600_000)
    .sort((a, b) => a.getTime() - b.getTime())
  const latest = recent.at(-1)
  if (latest && now.getTime() - latest.getTime() < PHONE_CODE.resendAfterMs) {
    return {
      ok: false,
      retryAfterSeconds: Math.ceil((PHONE_CODE.resendAfterMs - (now.getTime() - latest.getTime())) / 1000),
    }
  }
  if (recent.length >= PHONE_CODE.perHour) {
    return { ok: false, retryAfterSeconds: Math.ceil((recent[0].getTime() + 3600_000 - now.getTime()) / 1000) }
  }
  return { ok: true }
}

export const NICKNAME_MAX_LENGTH = 60
export const FEEDBACK_MAX_LENGTH = 4000
export const BUYER_PASSWORD_MIN_LENGTH = 8

/** A serial as people type it: surrounding spaces dropped, letters in upper case (serials are printed so). */
export function normalizeSerial(input: string): string {
  return input.trim().toUpperCase()
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254
}
