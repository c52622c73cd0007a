// A partner claims a pump it installs in the portal: the pump's serial and printed password, and its company's
// partner ID; the pump gets the company as its responsible partner.
import { type PayloadRequest } from 'payload'

import { partnerOf } from '../../../access'
import { pumpFlowContext } from '../../domain/flow'
import { normalizePartnerId } from '../../domain/partner-id'
import { relationId, sameId } from '../../domain/pump'
import { normalizeSerial, type RegistrationOutcome } from '../../domain/registration'
import { fieldError, inUserLanguage } from '../../i18n'
import type { Pump } from '../../payload-types'
import { type Attempt } from '../attempts'
import { refuseInvalid, text, truncatedSerial, type Problem } from './input'
import { attempted, provePump } from './prove-pump'
import { RegistrationRefused, wrongCredentials } from './refusals'

export type ClaimRequest = { serial?: unknown; partnerId?: unknown; password?: unknown }

type Claim = { pump: Pump; outcome: RegistrationOutcome }

/** The claimer's company, or 403 for anybody who is not a partner user. */
function claimingCompany(req: PayloadRequest): number | string {
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
  return company
}

/** The serial, partner ID and password as sent, or a 400 naming what is wrong (oversized inputs are recorded). */
async function readClaim(req: PayloadRequest, input: ClaimRequest) {
  const problems: Problem[] = []
  const serialText = text(input, 'serial', problems, true)
  const partnerIdText = text(input, 'partnerId', problems, true)
  const password = text(input, 'password', problems, true)
  const partnerId = partnerIdText === undefined ? null : normalizePartnerId(partnerIdText)
  if (partnerIdText !== undefined && partnerId === null) {
    problems.push({
      path: 'partnerId',
      message: { en: 'A partner ID looks like P-12345', ru: 'ID партнёра имеет вид P-12345' },
    })
  }
  if (problems.length) {
    const serial = serialText ?? truncatedSerial(input)
    await refuseInvalid(req, 'pumps', problems, { flow: 'partner_claim', serial, user: Number(req.user!.id) })
  }
  return { serial: normalizeSerial(serialText!), partnerId, password: password! }
}

/** The proven pump becomes the company's, unless another partner holds it already. */
async function takePump(req: PayloadRequest, pump: Pump, company: number | string): Promise<Claim> {
  const holder = relationId(pump.responsiblePartner)
  if (sameId(holder, company)) return { pump, outcome: 'already_yours' }
  if (holder !== null) {
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
  return { pump: claimed, outcome: 'claimed' }
}

/**
 * A partner user claims a pump it installs: serial, its company's partner ID and the pump's printed password.
 * The pump gets the company as its responsible partner; claiming one's own pump again changes nothing.
 */
export async function claimPump(req: PayloadRequest, input: ClaimRequest): Promise<Claim> {
  const company = claimingCompany(req)
  const { serial, partnerId, password } = await readClaim(req, input)
  const partner = await req.payload.findByID({ collection: 'partners', id: company, depth: 0, overrideAccess: true })
  if (partner.partnerId !== partnerId) {
    throw fieldError(req, 'pumps', 'partnerId', {
      en: 'This is not your company’s partner ID',
      ru: 'Это не ID партнёра вашей компании',
    })
  }
  const attempt: Attempt = { flow: 'partner_claim', serial, user: Number(req.user!.id) }
  return attempted(req, attempt, async () => {
    const pump = await provePump(req, serial, password)
    if (!pump) throw wrongCredentials(req)
    attempt.pump = pump.id
    const claim = await takePump(req, pump, company)
    return { result: claim, outcome: claim.outcome }
  })
}
