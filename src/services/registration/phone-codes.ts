// One-time SMS codes that prove a phone: sent on request (throttled per number, per requester and per hour), kept
// only as an HMAC, and spent by the registration or the phone change that checks them.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

import { APIError, type PayloadRequest } from 'payload'

import { normalizePhone, PHONE_ERRORS } from '../../domain/phone'
import { generatePhoneCode, PHONE_CODE } from '../../domain/registration'
import { fieldErrors, inUserLanguage } from '../../i18n'
import { clientAddress } from '../client-address'
import { reservePhoneCode, type CodeReservation } from '../sms-budget'
import { configuredSmsSender } from '../sms'
import { text, type Problem } from './input'
import { RegistrationRefused } from './refusals'

function codeHash(req: PayloadRequest, phone: string, code: string): string {
  return createHmac('sha256', req.payload.secret).update(`${phone}:${code}`).digest('hex')
}

function codeRefusal(req: PayloadRequest, refused: Exclude<CodeReservation, { ok: true }>): RegistrationRefused {
  if (refused.reason === 'phone') {
    return new RegistrationRefused(
      inUserLanguage(req, {
        en: `A code was sent to this number recently: ask again in ${refused.retryAfterSeconds} s`,
        ru: `Код на этот номер уже отправлен: повторный запрос через ${refused.retryAfterSeconds} с`,
      }),
      429,
    )
  }
  if (refused.reason === 'requester') {
    return new RegistrationRefused(
      inUserLanguage(req, {
        en: 'Too many codes asked for from here this hour: try again later',
        ru: 'Слишком много запросов кода отсюда за час: попробуйте позже',
      }),
      429,
    )
  }
  return new RegistrationRefused(
    inUserLanguage(req, {
      en: 'No more SMS codes can be sent this hour: try again later',
      ru: 'В этот час больше нельзя отправить коды по SMS: попробуйте позже',
    }),
    429,
  )
}

/** Sends the code; if the SMS cannot be sent, the reserved code is deleted and the caller gets a 502. */
async function sendCode(req: PayloadRequest, phone: string, code: string, recordId: number): Promise<void> {
  const minutes = PHONE_CODE.ttlMs / 60_000
  try {
    await configuredSmsSender(req.payload).send(
      phone,
      inUserLanguage(req, {
        en: `Heat pump registration code: ${code}. Valid for ${minutes} minutes. Do not share it.`,
        ru: `Код регистрации теплового насоса: ${code}. Действует ${minutes} минут. Никому его не сообщайте.`,
      }),
    )
  } catch (error) {
    await req.payload.delete({ collection: 'phoneCodes', id: recordId, overrideAccess: true })
    req.payload.logger.error({ err: error, msg: '[sms] sending a code failed' })
    throw new APIError(
      inUserLanguage(req, {
        en: 'The SMS could not be sent; try again later',
        ru: 'Не удалось отправить SMS; попробуйте позже',
      }),
      502,
    )
  }
}

export type CodeRequest = { phone?: unknown }

/** Sends a one-time code by SMS to prove the phone in `register-pump`. Sent to any valid number. */
export async function requestPhoneCode(req: PayloadRequest, input: CodeRequest): Promise<{ expiresInSeconds: number }> {
  const problems: Problem[] = []
  const raw = text(input, 'phone', problems, true)
  const checked = raw === undefined ? null : normalizePhone(raw)
  if (checked && !checked.ok) problems.push({ path: 'phone', message: PHONE_ERRORS.invalid })
  if (problems.length || !checked?.ok) throw fieldErrors(req, 'buyers', problems)
  const { phone } = checked
  const code = generatePhoneCode(randomInt)
  const reserved = await reservePhoneCode(req, {
    phone,
    clientAddress: clientAddress(req),
    codeHash: codeHash(req, phone, code),
    expiresAt: new Date(Date.now() + PHONE_CODE.ttlMs).toISOString(),
  })
  if (!reserved.ok) throw codeRefusal(req, reserved)
  await sendCode(req, phone, code, reserved.id)
  return { expiresInSeconds: PHONE_CODE.ttlMs / 1000 }
}

/** Spends the phone's latest code if it matches; wrong entries count, and a code is spent after a few. */
export async function consumePhoneCode(req: PayloadRequest, phone: string, code: string): Promise<boolean> {
  const { docs } = await req.payload.find({
    collection: 'phoneCodes',
    where: {
      and: [
        { phone: { equals: phone } },
        { used: { not_equals: true } },
        { expiresAt: { greater_than: new Date().toISOString() } },
      ],
    },
    sort: '-createdAt',
    depth: 0,
    limit: 1,
    overrideAccess: true,
  })
  const latest = docs[0]
  if (!latest || (latest.checks ?? 0) >= PHONE_CODE.maxChecks) return false
  const expected = Buffer.from(latest.codeHash, 'hex')
  const given = Buffer.from(codeHash(req, phone, code), 'hex')
  const matches = expected.length === given.length && timingSafeEqual(expected, given)
  // Not in the caller's transaction: a wrong entry stays counted even when the registration is refused.
  await req.payload.update({
    collection: 'phoneCodes',
    id: latest.id,
    data: matches ? { used: true } : { checks: (latest.checks ?? 0) + 1 },
    overrideAccess: true,
  })
  return matches
}
