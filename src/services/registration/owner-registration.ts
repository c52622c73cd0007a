// An owner registers a pump from the app: proves the pump, proves the buyer (or gets a new buyer card), and is
// assigned as the pump's owner with the SIM number, place and nickname, all in one transaction.
import { sql } from '@payloadcms/db-postgres'
import { type PayloadRequest } from 'payload'

import { pumpFlowContext } from '../../domain/flow'
import { relationId, sameId } from '../../domain/pump'
import { inUserLanguage } from '../../i18n'
import type { Buyer, Pump } from '../../payload-types'
import { type Attempt } from '../attempts'
import { clientAddress } from '../client-address'
import { inTransaction, transactionDb } from '../transaction'
import { readOwnerRegistration, type OwnerInput, type OwnerRegistrationRequest } from './owner-input'
import { proveBuyer } from './prove-buyer'
import { attempted, provePump } from './prove-pump'
import { RegistrationRefused, wrongCredentials } from './refusals'

export type OwnerRegistration = { buyer: Buyer; pump: Pump; token: string | null; exp: number | null }

/** The token the caller signed in with, handed back when they registered as themselves. */
function callerToken(req: PayloadRequest): string | null {
  const header = req.headers.get('authorization') ?? ''
  const match = /^(?:JWT|Bearer)\s+(\S+)$/i.exec(header)
  if (match) return match[1]
  const cookie = /(?:^|;\s*)payload-token=([^;]+)/.exec(req.headers.get('cookie') ?? '')
  return cookie ? decodeURIComponent(cookie[1]) : null
}

/** The proven buyer becomes the pump's owner, unless somebody else owns it; the card gets the given details. */
async function assignOwner(req: PayloadRequest, pump: Pump, buyer: Buyer, input: OwnerInput): Promise<Pump> {
  const owner = relationId(pump.owner)
  if (owner && !sameId(owner, buyer.id)) {
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
  const { simNumber, country, region, regionCountry, nickname } = input
  return req.payload.update({
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
}

/** Proves the buyer and assigns the owner in one transaction, one registration per phone at a time. */
async function registerProvenPump(req: PayloadRequest, pump: Pump, input: OwnerInput) {
  return inTransaction(req, async () => {
    // One phone, one buyer, even when the app sends the same registration twice at once.
    const db = await transactionDb(req)
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`buyer:${input.phone}`}, 0))`)
    const { buyer, canLogIn } = await proveBuyer(req, input)
    const updated = await assignOwner(req, pump, buyer, input)
    return { buyer, pump: updated, canLogIn }
  })
}

/**
 * An owner registers a pump from the app: proves the pump (serial and printed password), is found by phone or
 * gets a buyer card, and becomes the pump's owner with the SIM number, country, region and their own nickname.
 * Everything is written in one transaction; a phone that already has an account must be proven.
 */
export async function registerOwnerPump(
  req: PayloadRequest,
  request: OwnerRegistrationRequest,
): Promise<OwnerRegistration> {
  const input = await readOwnerRegistration(req, request)
  const { phone, serial } = input
  const attempt: Attempt = { flow: 'owner_registration', serial, phone, clientAddress: clientAddress(req) }
  const registration = await attempted(req, attempt, async () => {
    const pump = await provePump(req, serial, input.pumpPassword)
    if (!pump) throw wrongCredentials(req)
    attempt.pump = pump.id
    return { result: await registerProvenPump(req, pump, input), outcome: 'registered' }
  })
  let token = registration.canLogIn ? null : callerToken(req)
  let exp: number | null = null
  if (registration.canLogIn) {
    const login = await req.payload.login({
      collection: 'buyers',
      data: { username: phone, password: input.password! },
    })
    token = login.token ?? null
    exp = login.exp ?? null
  }
  // Answered as the owner sees them.
  const user = { ...registration.buyer, collection: 'buyers' as const }
  const [buyer, pump] = await Promise.all([
    req.payload.findByID({ collection: 'buyers', id: registration.buyer.id, depth: 0, overrideAccess: false, user }),
    req.payload.findByID({ collection: 'pumps', id: registration.pump.id, depth: 1, overrideAccess: false, user }),
  ])
  return { buyer, pump, token, exp }
}
