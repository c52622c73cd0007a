// An owner writes to the manufacturer from the app; the e-mail they give is kept on their buyer card.
import { Forbidden, type PayloadRequest } from 'payload'

import { buyerOf } from '../../../access'
import { FEEDBACK_MAX_LENGTH, isEmail } from '../../domain/registration'
import { fieldErrors } from '../../i18n'
import type { Feedback } from '../../payload-types'
import { inTransaction } from '../transaction'
import { text, type Problem } from './input'

export type FeedbackRequest = { email?: unknown; message?: unknown }

/** The e-mail (lower case) and message, or a 400 naming what is wrong, including an e-mail another account has. */
async function readFeedback(req: PayloadRequest, buyerId: number | string, input: FeedbackRequest) {
  const problems: Problem[] = []
  const emailText = text(input, 'email', problems, true)
  const message = text(input, 'message', problems, true)
  const email = emailText?.trim().toLowerCase()
  if (email !== undefined && !isEmail(email)) {
    problems.push({ path: 'email', message: { en: 'Not an e-mail address', ru: 'Это не адрес e-mail' } })
  }
  if (message !== undefined && message.trim().length > FEEDBACK_MAX_LENGTH) {
    problems.push({
      path: 'message',
      message: { en: `At most ${FEEDBACK_MAX_LENGTH} characters`, ru: `Не длиннее ${FEEDBACK_MAX_LENGTH} символов` },
    })
  }
  if (!problems.length && email !== undefined) {
    const { totalDocs } = await req.payload.count({
      collection: 'buyers',
      where: { and: [{ email: { equals: email } }, { id: { not_equals: buyerId } }] },
      overrideAccess: true,
    })
    if (totalDocs > 0) {
      problems.push({
        path: 'email',
        message: { en: 'This e-mail belongs to another account', ru: 'Этот e-mail принадлежит другой учётной записи' },
      })
    }
  }
  if (problems.length) throw fieldErrors(req, 'buyers', problems)
  return { email: email!, message: message!.trim() }
}

/** An owner writes from the app; the e-mail they give is kept on their buyer card. */
export async function leaveFeedback(req: PayloadRequest, input: FeedbackRequest): Promise<Feedback> {
  const buyerId = buyerOf(req.user)
  if (buyerId === null) throw new Forbidden(req.t)
  const { email, message } = await readFeedback(req, buyerId, input)
  return inTransaction(req, async () => {
    await req.payload.update({ collection: 'buyers', id: buyerId, data: { email }, req, overrideAccess: true })
    return req.payload.create({
      collection: 'feedback',
      data: { buyer: Number(buyerId), email, message },
      req,
      overrideAccess: true,
    })
  })
}
