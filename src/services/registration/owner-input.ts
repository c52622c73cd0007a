// Reading an owner's registration from the app: phone, serial and pump password, and optionally the SIM number,
// the place (country and region codes), a nickname, and the app password or SMS code that prove the phone.
import { type PayloadRequest } from 'payload'

import { checkIccid, ICCID_ERRORS } from '../../domain/iccid'
import { normalizePhone, PHONE_ERRORS } from '../../domain/phone'
import { relationId, sameId } from '../../domain/pump'
import { NICKNAME_MAX_LENGTH, normalizeSerial } from '../../domain/registration'
import type { Message } from '../../i18n'
import type { Country, Region } from '../../payload-types'
import { clientAddress } from '../client-address'
import { codeProblems, newPasswordProblems, refuseInvalid, text, truncatedSerial, type Problem } from './input'

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

/** A registration whose every input was checked: what the owner proves and what the pump card receives. */
export type OwnerInput = {
  phone: string
  serial: string
  pumpPassword: string
  simNumber?: string
  country: Country | null
  region: Region | null
  /** The region's country, filled in when only the region was given. */
  regionCountry: number | null
  nickname?: string
  password?: string
  code?: string
}

/** Asked for when a new account is made or the SMS code proves the phone. */
export const CHOOSE_PASSWORD: Message = { en: 'Choose a password for the app', ru: 'Задайте пароль для приложения' }

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

/** The country and region the codes name, with a problem for an unknown code or a region outside the country. */
async function readPlace(
  req: PayloadRequest,
  countryCode: string | undefined,
  regionCode: string | undefined,
  problems: Problem[],
) {
  const country = countryCode === undefined ? null : await byCode(req, 'countries', countryCode)
  if (countryCode !== undefined && !country) {
    problems.push({
      path: 'country',
      message: {
        en: 'Unknown country code (ISO 3166-1, e.g. RU)',
        ru: 'Неизвестный код страны (ISO 3166-1, например RU)',
      },
    })
  }
  const region = regionCode === undefined ? null : await byCode(req, 'regions', regionCode)
  if (regionCode !== undefined && !region) {
    problems.push({
      path: 'region',
      message: {
        en: 'Unknown region code (ISO 3166-2, e.g. RU-SVE)',
        ru: 'Неизвестный код региона (ISO 3166-2, например RU-SVE)',
      },
    })
  }
  const regionCountry = region ? (relationId(region.country) as number | null) : null
  if (region && country && !sameId(regionCountry, country.id)) {
    problems.push({
      path: 'region',
      message: { en: 'This region is not in the given country', ru: 'Этот регион не относится к указанной стране' },
    })
  }
  return { country, region, regionCountry }
}

/** The SIM number as its ICCID, with a problem when it is not one. */
function checkedSimNumber(simText: string | undefined, problems: Problem[]): string | undefined {
  if (simText === undefined) return undefined
  const checked = checkIccid(simText)
  if (checked.ok) return checked.iccid
  problems.push({ path: 'simNumber', message: ICCID_ERRORS[checked.reason] })
  return undefined
}

/** The nickname, the app password and the SMS code, each with its problems. */
function checkOwnerChoices(choices: { nickname?: string; password?: string; code?: string }, problems: Problem[]) {
  const { nickname, password, code } = choices
  if (nickname !== undefined && nickname.trim().length > NICKNAME_MAX_LENGTH) {
    problems.push({
      path: 'nickname',
      message: { en: `At most ${NICKNAME_MAX_LENGTH} characters`, ru: `Не длиннее ${NICKNAME_MAX_LENGTH} символов` },
    })
  }
  newPasswordProblems(password, problems)
  codeProblems(code, problems)
  if (code !== undefined && password === undefined) problems.push({ path: 'password', message: CHOOSE_PASSWORD })
}

/** Every input checked, or a 400 naming each problem (an oversized input is still recorded as an attempt). */
export async function readOwnerRegistration(req: PayloadRequest, input: OwnerRegistrationRequest): Promise<OwnerInput> {
  const problems: Problem[] = []
  const phoneText = text(input, 'phone', problems, true)
  const serialText = text(input, 'serial', problems, true)
  const pumpPassword = text(input, 'pumpPassword', problems, true)
  const simText = text(input, 'simNumber', problems, false)
  const countryCode = text(input, 'country', problems, false)
  const regionCode = text(input, 'region', problems, false)
  const choices = {
    nickname: text(input, 'nickname', problems, false),
    password: text(input, 'password', problems, false),
    code: text(input, 'code', problems, false),
  }
  // Then what is wrong with what was given, in the order of the form.
  const phoneCheck = phoneText === undefined ? null : normalizePhone(phoneText)
  if (phoneCheck && !phoneCheck.ok) problems.push({ path: 'phone', message: PHONE_ERRORS.invalid })
  const simNumber = checkedSimNumber(simText, problems)
  const place = await readPlace(req, countryCode, regionCode, problems)
  checkOwnerChoices(choices, problems)
  if (problems.length || !phoneCheck?.ok) {
    const serial = serialText ?? truncatedSerial(input)
    const phone = phoneCheck?.ok ? phoneCheck.phone : undefined
    await refuseInvalid(req, 'buyers', problems, {
      flow: 'owner_registration',
      serial,
      phone,
      clientAddress: clientAddress(req),
    })
  }
  const phone = phoneCheck!.ok ? phoneCheck!.phone : ''
  return { phone, serial: normalizeSerial(serialText!), pumpPassword: pumpPassword!, simNumber, ...place, ...choices }
}
