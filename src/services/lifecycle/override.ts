// An administrator's override: any status of the list, with their password and a mandatory comment, recorded as
// source `admin_override`.
import { type PayloadRequest } from 'payload'

import { isAdminUser } from '../../../access'
import { isPumpStatus, PUMP_STATUSES } from '../../domain/lifecycle'
import { fieldError, inUserLanguage } from '../../i18n'
import { type StatusChangeResult } from './advance'
import { checkedComment, confirmOwnPassword, visiblePump } from './asking'
import { changeStatus, statusOf, TransitionRefused } from './change-status'

export type SetStatusRequest = { password?: unknown; status?: unknown; comment?: unknown }

/** An administrator sets any status of the list, with their password and a mandatory comment. */
export async function setStatus(
  req: PayloadRequest,
  id: unknown,
  input: SetStatusRequest,
): Promise<StatusChangeResult> {
  if (!isAdminUser(req.user)) {
    throw new TransitionRefused(
      inUserLanguage(req, {
        en: 'Only an administrator sets an arbitrary status',
        ru: 'Произвольный статус устанавливает только администратор',
      }),
      403,
    )
  }
  const pump = await visiblePump(req, id)
  const from = statusOf(pump)
  if (!isPumpStatus(input.status)) {
    throw fieldError(req, 'pumps', 'status', {
      en: `Choose one of: ${PUMP_STATUSES.join(', ')}`,
      ru: `Выберите один из статусов: ${PUMP_STATUSES.join(', ')}`,
    })
  }
  const to = input.status
  if (to === from) {
    throw fieldError(req, 'pumps', 'status', { en: 'The pump already has this status', ru: 'У насоса уже этот статус' })
  }
  const comment = checkedComment(req, input.comment, true)
  await confirmOwnPassword(req, input.password)
  return changeStatus(req, {
    pumpId: pump.id,
    to,
    allowedFrom: (current) => current === from,
    comment,
    actor: 'user',
    source: 'admin_override',
  })
}
