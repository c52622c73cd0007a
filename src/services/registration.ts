// Linking a pump to the people around it by proving possession: a partner claims it in the portal, an owner
// registers it from the app. Both prove the pump with its serial and printed password; an owner whose phone already
// has an account also proves the phone (signed in, the account's password, or a one-time SMS code). Every attempt
// is recorded in `registrationAttempts`, which is also what the throttling counts.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import bcrypt from 'bcryptjs'
import { APIError, Forbidden, type PayloadRequest, type Where } from 'payload'

import { buyerOf, partnerOf } from '../../access'
import { BUYER_CREDENTIALS_CONTEXT_KEY, pumpFlowContext } from '../domain/flow'
import { checkIccid, ICCID_ERRORS } from '../domain/iccid'
import { isBlank, REQUIRED } from '../domain/messages'
import { normalizePartnerId } from '../domain/partner-id'
import { normalizePhone, PHONE_ERRORS } from '../domain/phone'
import { relationId } from '../domain/pump'
import {
  BUYER_PASSWORD_MIN_LENGTH,
  FAILED_OUTCOMES,
  FEEDBACK_MAX_LENGTH,
  generatePhoneCode,
  INPUT_MAX_LENGTH,
  isEmail,
  NICKNAME_MAX_LENGTH,
  normalizeSerial,
  PHONE_CODE,
  type RegistrationOutcome,
} from '../domain/registration'
import { fieldErrors, inUserLanguage, type Message } from '../i18n'
import type { Buyer, Feedback, Pump } from '../payload-types'
import { attemptLimits, recordAttempt, reserveAttempt, settleAttempt, type Attempt } from './attempts'
import { clientAddress } from './client-address'
import { reservePhoneCode, type CodeReservation } from './sms-budget'
import { checkAccountPassword } from './passwords'
import { configuredSmsSender } from './sms'
import { inTransaction, transactionDb } from './transaction'

/** A refusal the caller caused (400, 403, 409, 429), recorded with its outcome; logged at info level. */
export class RegistrationRefused extends APIError {
  constructor(
    message: string,
    status: 400 | 403 | 409 | 429,
    readonly outcome?: RegistrationOutcome,
  ) {
    super(message, status)
  }
}

export type Problem = { path: string; message: Message; oversized?: boolean }

const NOT_TEXT: Message = { en: 'Must be text', ru: 'Должно быть текстом' }

export function text(input: Record<string, unknown>, name: string, problems: Problem[], required: boolean): string | undefined {
  const value = input[name]
  if (isBlank(value)) {
    if (required) problems.push({ path: name, message: REQUIRED })
    return undefined
  }
  if (typeof value !== 'string') {
    problems.push({ path: name, message: NOT_TEXT })
    return undefined
  }
  const max = INPUT_MAX_LENGTH[name]
  if (max !== undefined && value.length > max) {
    // Refused before anything else looks at it (normalising, lookups, the log).
    problems.push({ path: name, message: { en: `At most ${max} characters`, ru: `Не длиннее ${max} символов` }, oversized: true })
    return undefined
  }
  return value
}

/** An oversized input is refused (400) and, in the claim and registration flows, still recorded (serial truncated). */
async function refuseInvalid(req: PayloadRequest, collection: 'pumps' | 'buyers', problems: Problem[], attempt?: Attempt): Promise<never> {
  if (attempt && problems.some((problem) => problem.oversized)) await recordAttempt(req, attempt, 'invalid_input')
  throw fieldErrors(req, collection, problems)
}

/** The serial as typed, cut to what the log keeps, when it was too long to take. */
function truncatedSerial(input: { serial?: unknown }): string | undefined {
  return typeof input.serial === 'string' ? normalizeSerial(input.serial.slice(0, 200)) : undefined
}

function wrongCredentials(req: PayloadRequest): RegistrationRefused {
  // One answer for an unknown serial and a wrong password: nobody learns which serials exist.
  return new RegistrationRefused(
    inUserLanguage(req, {
      en: 'The serial number or the pump password is wrong',
      ru: 'Неверный серийный номер или пароль насоса',
    }),
    400,
    'wrong_credentials',
  )
}

function tooManyAttempts(req: PayloadRequest): RegistrationRefused {
  const minutes = Math.ceil(attemptLimits().windowMs / 60_000)
  return new RegistrationRefused(
    inUserLanguage(req, {
      en: `Too many failed attempts: try again in ${minutes} minutes`,
      ru: `Слишком много неудачных попыток: попробуйте снова через ${minutes} минут`,
    }),
    429,
    'throttled',
  )
}

// A hash to compare with when the serial is unknown, so both wrong answers take as long.
const NO_SUCH_PUMP_HASH = bcrypt.hashSync('no such pump', 10)

/** The pump, if the serial exists and the password printed on it is right. */
async function provePump(req: PayloadRequest, serial: string, password: string): Promise<Pump | null> {
  const { docs } = await req.payload.find({
    collection: 'pumps',
    where: { serial: { equals: serial } },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    showHiddenFields: true,
  })
  const pump = docs[0]
  const matches = await bcrypt.compare(password, pump?.passwordHash || NO_SUCH_PUMP_HASH)
  return pump && pump.passwordHash && matches ? pump : null
}

/**
 * Reserves the attempt under the throttle (src/services/attempts.ts), runs it, and records its real outcome;
 * refusals are passed on. Anything else that goes wrong after the reservation is not a guess: `invalid_input`.
 */
async function attempted<T>(
  req: PayloadRequest,
  attempt: Attempt,
  work: () => Promise<{ result: T; outcome: RegistrationOutcome }>,
): Promise<T> {
  const reserved = await reserveAttempt(req, attempt)
  if (reserved === null) {
    await recordAttempt(req, attempt, 'throttled')
    throw tooManyAttempts(req)
  }
  try {
    const { result, outcome } = await work()
    await settleAttempt(req, reserved, attempt, outcome)
    return result
  } catch (error) {
    const outcome = error instanceof RegistrationRefused && error.outcome ? error.outcome : 'invalid_input'
    await settleAttempt(req, reserved, attempt, outcome)
    throw error
  }
}

// --- Partner portal ----------------------------------------------------------------------------------------------

export type ClaimRequest = { serial?: unknown; partnerId?: unknown; password?: unknown }

/**
 * A partner user claims a pump it installs: serial, its company's partner ID and the pump's printed password.
 * The pump gets the company as its responsible partner; claiming one's own pump again changes nothing.
 */
export async function claimPump(req: PayloadRequest, input: ClaimRequest): Promise<{ pump: Pump; outcome: RegistrationOutcome }> {
  const company = partnerOf(req.user)
  if (company === null) {
    throw new RegistrationRefused(
      inUserLanguage(req, {
        en: 'Only a partner company’s users register pumps here',
        ru: 'Регистрировать насосы здесь могут только пользователи партнёров',
      }),
      403,
    )
  }
  const problems: Problem[] = []
  const serialText = text(input as Record<string, unknown>, 'serial', problems, true)
  const partnerIdText = text(input as Record<string, unknown>, 'partnerId', problems, true)
  const password = text(input as Record<string, unknown>, 'password', problems, true)
  const partnerId = partnerIdText === undefined ? null : normalizePartnerId(partnerIdText)
  if (partnerIdText !== undefined && partnerId === null) {
    problems.push({ path: 'partnerId', message: { en: 'A partner ID looks like P-12345', ru: 'ID партнёра имеет вид P-12345' } })
  }
  if (problems.length) {
    await refuseInvalid(req, 'pumps', problems, { flow: 'partner_claim', serial: serialText ?? truncatedSerial(input), user: Number(req.user!.id) })
  }
  const partner = await req.payload.findByID({ collection: 'partners', id: company, depth: 0, overrideAccess: true })
  if (partner.partnerId !== partnerId) {
    throw fieldErrors(req, 'pumps', [
      {
        path: 'partnerId',
        message: { en: 'This is not your company’s partner ID', ru: 'Это не ID партнёра вашей компании' },
      },
    ])
  }
  const serial = normalizeSerial(serialText!)
  const userId = Number(req.user!.id)
  const attempt: Attempt = { flow: 'partner_claim', serial, user: userId }
  return attempted<{ pump: Pump; outcome: RegistrationOutcome }>(req, attempt, async () => {
    const pump = await provePump(req, serial, password!)
    if (!pump) throw wrongCredentials(req)
    attempt.pump = pump.id
    const holder = relationId(pump.responsiblePartner)
    if (holder === company) return { result: { pump, outcome: 'already_yours' }, outcome: 'already_yours' }
    if (holder !== null && holder !== undefined) {
      // Says neither who holds it nor anything else about it.
      throw new RegistrationRefused(
        inUserLanguage(req, {
          en: 'This pump is already registered by another partner. If you installed it, contact the manufacturer',
          ru: 'Этот насос уже зарегистрирован другим партнёром. Если монтаж выполняли вы, обратитесь к производителю',
        }),
        409,
        'claimed_by_other',
      )
    }
    const claimed = await req.payload.update({
      collection: 'pumps',
      id: pump.id,
      data: { responsiblePartner: company as number },
      depth: 0,
      req,
      overrideAccess: true,
      context: pumpFlowContext('registration', 'partner_claim'),
    })
    return { result: { pump: claimed, outcome: 'claimed' }, outcome: 'claimed' }
  })
}

// --- Mobile app ---------------------------------------------------------------------------------------------------

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

export type CodeRequest = { phone?: unknown }

/** Sends a one-time code by SMS to prove the phone in `register-pump`. Sent to any valid number. */
export async function requestPhoneCode(req: PayloadRequest, input: CodeRequest): Promise<{ expiresInSeconds: number }> {
  const problems: Problem[] = []
  const raw = text(input as Record<string, unknown>, 'phone', problems, true)
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
  const record = { id: reserved.id }
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
    await req.payload.delete({ collection: 'phoneCodes', id: record.id, overrideAccess: true })
    req.payload.logger.error({ err: error, msg: '[sms] sending a code failed' })
    throw new APIError(
      inUserLanguage(req, {
        en: 'The SMS could not be sent; try again later',
        ru: 'Не удалось отправить SMS; попробуйте позже',
      }),
      502,
    )
  }
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

export type OwnerRegistrationRequest = {
  phone?: unknown
  serial?: unknown
  pumpPassword?: unknown
  simNumber?: unknown
  country?: unknown
  region?: unknown
  nickname?: unknown
  password?: unknown
  code?: unknown
}

export type OwnerRegistration = { buyer: Buyer; pump: Pump; token: string | null; exp: number | null }

/** The token the caller signed in with, handed back when they registered as themselves. */
function callerToken(req: PayloadRequest): string | null {
  const header = req.headers.get('authorization') ?? ''
  const match = /^(?:JWT|Bearer)\s+(\S+)$/i.exec(header)
  if (match) return match[1]
  const cookie = /(?:^|;\s*)payload-token=([^;]+)/.exec(req.headers.get('cookie') ?? '')
  return cookie ? decodeURIComponent(cookie[1]) : null
}

async function byCode<C extends 'countries' | 'regions'>(req: PayloadRequest, collection: C, code: string) {
  const { docs } = await req.payload.find({
    collection: collection as C,
    where: { code: { equals: code.trim().toUpperCase() } },
    depth: 0,
    limit: 1,
    overrideAccess: true,
  })
  return docs[0] ?? null
}

/**
 * An owner registers a pump from the app: proves the pump (serial and printed password), is found by phone or
 * gets a buyer card, and becomes the pump's owner with the SIM number, country, region and their own nickname.
 * Everything is written in one transaction; a phone that already has an account must be proven.
 */
export async function registerOwnerPump(req: PayloadRequest, input: OwnerRegistrationRequest): Promise<OwnerRegistration> {
  const fields = input as Record<string, unknown>
  const problems: Problem[] = []
  const phoneText = text(fields, 'phone', problems, true)
  const serialText = text(fields, 'serial', problems, true)
  const pumpPassword = text(fields, 'pumpPassword', problems, true)
  const simText = text(fields, 'simNumber', problems, false)
  const countryCode = text(fields, 'country', problems, false)
  const regionCode = text(fields, 'region', problems, false)
  const nickname = text(fields, 'nickname', problems, false)
  const password = text(fields, 'password', problems, false)
  const code = text(fields, 'code', problems, false)

  const phoneCheck = phoneText === undefined ? null : normalizePhone(phoneText)
  if (phoneCheck && !phoneCheck.ok) problems.push({ path: 'phone', message: PHONE_ERRORS.invalid })
  let simNumber: string | undefined
  if (simText !== undefined) {
    const checked = checkIccid(simText)
    if (checked.ok) simNumber = checked.iccid
    else problems.push({ path: 'simNumber', message: ICCID_ERRORS[checked.reason] })
  }
  const country = countryCode === undefined ? null : await byCode(req, 'countries', countryCode)
  if (countryCode !== undefined && !country) {
    problems.push({ path: 'country', message: { en: 'Unknown country code (ISO 3166-1, e.g. RU)', ru: 'Неизвестный код страны (ISO 3166-1, например RU)' } })
  }
  const region = regionCode === undefined ? null : await byCode(req, 'regions', regionCode)
  if (regionCode !== undefined && !region) {
    problems.push({ path: 'region', message: { en: 'Unknown region code (ISO 3166-2, e.g. RU-SVE)', ru: 'Неизвестный код региона (ISO 3166-2, например RU-SVE)' } })
  }
  const regionCountry = region ? (relationId(region.country) as number | null) : null
  if (region && country && regionCountry !== country.id) {
    problems.push({ path: 'region', message: { en: 'This region is not in the given country', ru: 'Этот регион не относится к указанной стране' } })
  }
  if (nickname !== undefined && nickname.trim().length > NICKNAME_MAX_LENGTH) {
    problems.push({ path: 'nickname', message: { en: `At most ${NICKNAME_MAX_LENGTH} characters`, ru: `Не длиннее ${NICKNAME_MAX_LENGTH} символов` } })
  }
  if (password !== undefined && password.length < BUYER_PASSWORD_MIN_LENGTH) {
    problems.push({
      path: 'password',
      message: { en: `At least ${BUYER_PASSWORD_MIN_LENGTH} characters`, ru: `Не короче ${BUYER_PASSWORD_MIN_LENGTH} символов` },
    })
  }
  if (code !== undefined && !new RegExp(`^\\d{${PHONE_CODE.digits}}$`).test(code.trim())) {
    problems.push({ path: 'code', message: { en: `${PHONE_CODE.digits} digits from the SMS`, ru: `${PHONE_CODE.digits} цифр из SMS` } })
  }
  if (code !== undefined && password === undefined) {
    problems.push({ path: 'password', message: { en: 'Choose a password for the app', ru: 'Задайте пароль для приложения' } })
  }
  if (problems.length || !phoneCheck?.ok) {
    const serial = serialText ?? truncatedSerial(input)
    await refuseInvalid(req, 'buyers', problems, { flow: 'owner_registration', serial, phone: phoneCheck?.ok ? phoneCheck.phone : undefined, clientAddress: clientAddress(req) })
  }
  const phone = phoneCheck!.ok ? phoneCheck!.phone : ''
  const serial = normalizeSerial(serialText!)
  const signedIn = buyerOf(req.user)
  const attempt: Attempt = { flow: 'owner_registration', serial, phone, clientAddress: clientAddress(req) }
  const registration = await attempted(req, attempt, async () => {
    const pump = await provePump(req, serial, pumpPassword!)
    if (!pump) throw wrongCredentials(req)
    attempt.pump = pump.id
    const result = await inTransaction(req, async () => {
      // One phone, one buyer, even when the app sends the same registration twice at once.
      const db = await transactionDb(req)
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`buyer:${phone}`}, 0))`)
      const { docs } = await req.payload.find({
        collection: 'buyers',
        where: { phone: { equals: phone } },
        depth: 0,
        limit: 1,
        req,
        overrideAccess: true,
      })
      let buyer = docs[0] as Buyer | undefined
      let canLogIn = false
      if (buyer) {
        const bySignIn = String(signedIn) === String(buyer.id)
        const byCode = !bySignIn && code !== undefined && (await consumePhoneCode(req, phone, code.trim()))
        const byPassword =
          !bySignIn &&
          code === undefined &&
          password !== undefined &&
          (await checkAccountPassword(req, { collection: 'buyers', username: phone }, password)) === 'right'
        if (!bySignIn && !byCode && !byPassword) {
          throw new RegistrationRefused(
            inUserLanguage(req, {
              en: 'This phone number already has an account: sign in, give its password, or confirm the number with the SMS code (POST /api/buyers/request-code)',
              ru: 'На этот номер уже есть учётная запись: войдите, укажите её пароль или подтвердите номер кодом из SMS (POST /api/buyers/request-code)',
            }),
            403,
            'phone_not_proven',
          )
        }
        if (byCode) {
          // The code proved the phone: the owner sets the app password anew.
          buyer = await req.payload.update({
            collection: 'buyers',
            id: buyer.id,
            data: { password },
            req,
            overrideAccess: true,
            context: { [BUYER_CREDENTIALS_CONTEXT_KEY]: true },
          })
        }
        // Signed in already: the caller keeps the token it has.
        canLogIn = byCode || byPassword
      } else {
        if (password === undefined) {
          throw fieldErrors(req, 'buyers', [
            { path: 'password', message: { en: 'Choose a password for the app', ru: 'Задайте пароль для приложения' } },
          ])
        }
        buyer = await req.payload.create({
          collection: 'buyers',
          data: { phone, username: phone, password },
          req,
          overrideAccess: true,
        })
        canLogIn = true
      }
      const owner = relationId(pump.owner)
      if (owner && owner !== buyer.id) {
        throw new RegistrationRefused(
          inUserLanguage(req, {
            en: 'This pump is registered to another owner. If you bought it from them, contact the manufacturer’s service',
            ru: 'Этот насос зарегистрирован на другого владельца. Если вы купили его у него, обратитесь в сервис производителя',
          }),
          409,
          'owned_by_other',
        )
      }
      // From here the request acts as this owner: they proved the pump and the phone.
      req.user = { ...buyer, collection: 'buyers' } as PayloadRequest['user']
      const updated = await req.payload.update({
        collection: 'pumps',
        id: pump.id,
        data: {
          owner: buyer.id,
          ...(simNumber !== undefined ? { simNumber } : {}),
          ...(country || region ? { country: country?.id ?? regionCountry, region: region?.id ?? null } : {}),
          ...(nickname !== undefined ? { nickname: nickname.trim() } : {}),
        },
        depth: 0,
        req,
        overrideAccess: true,
        context: pumpFlowContext('registration', 'owner_app'),
      })
      return { buyer, pump: updated, canLogIn }
    })
    return { result, outcome: 'registered' }
  })

  let token = registration.canLogIn ? null : callerToken(req)
  let exp: number | null = null
  if (registration.canLogIn) {
    const login = await req.payload.login({ collection: 'buyers', data: { username: phone, password: password! } })
    token = login.token ?? null
    exp = login.exp ?? null
  }
  const user = { ...registration.buyer, collection: 'buyers' as const }
  const [buyer, pump] = await Promise.all([
    req.payload.findByID({ collection: 'buyers', id: registration.buyer.id, depth: 0, overrideAccess: false, user }),
    req.payload.findByID({ collection: 'pumps', id: registration.pump.id, depth: 1, overrideAccess: false, user }),
  ])
  return { buyer, pump, token, exp }
}

export type FeedbackRequest = { email?: unknown; message?: unknown }

/** An owner writes from the app; the e-mail they give is kept on their buyer card. */
export async function leaveFeedback(req: PayloadRequest, input: FeedbackRequest): Promise<Feedback> {
  const buyerId = buyerOf(req.user)
  if (buyerId === null) throw new Forbidden(req.t)
  const problems: Problem[] = []
  const emailText = text(input as Record<string, unknown>, 'email', problems, true)
  const message = text(input as Record<string, unknown>, 'message', problems, true)
  const email = emailText?.trim().toLowerCase()
  if (email !== undefined && !isEmail(email)) {
    problems.push({ path: 'email', message: { en: 'Not an e-mail address', ru: 'Это не адрес e-mail' } })
  }
  if (message !== undefined && message.trim().length > FEEDBACK_MAX_LENGTH) {
    problems.push({ path: 'message', message: { en: `At most ${FEEDBACK_MAX_LENGTH} characters`, ru: `Не длиннее ${FEEDBACK_MAX_LENGTH} символов` } })
  }
  if (!problems.length && email !== undefined) {
    const { totalDocs } = await req.payload.count({
      collection: 'buyers',
      where: { and: [{ email: { equals: email } }, { id: { not_equals: buyerId } }] },
      overrideAccess: true,
    })
    if (totalDocs > 0) {
      problems.push({ path: 'email', message: { en: 'This e-mail belongs to another account', ru: 'Этот e-mail принадлежит другой учётной записи' } })
    }
  }
  if (problems.length) throw fieldErrors(req, 'buyers', problems)
  return inTransaction(req, async () => {
    await req.payload.update({ collection: 'buyers', id: buyerId, data: { email }, req, overrideAccess: true })
    return req.payload.create({
      collection: 'feedback',
      data: { buyer: Number(buyerId), email: email!, message: message!.trim() },
      req,
      overrideAccess: true,
    })
  })
}
