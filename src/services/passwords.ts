// Checks an account's password exactly as a login would (Payload's own login: lockout counting included) without
// opening a login session: the login runs in a transaction that is rolled back. A right password then clears the
// failure count, as a login does.
import {
  APIError,
  AuthenticationError,
  Forbidden,
  createLocalReq,
  initTransaction,
  killTransaction,
  LockedAuth,
  resetLoginAttempts,
  type PayloadRequest,
} from 'payload'

import { staffUser } from '../../access'
import { inUserLanguage, type Message } from '../i18n'

export type PasswordCheck = 'right' | 'wrong' | 'locked'

type Account = { collection: 'users'; email: string } | { collection: 'buyers'; username: string }

export async function checkAccountPassword(
  req: PayloadRequest,
  account: Account,
  password: string,
): Promise<PasswordCheck> {
  const { payload } = req
  const attempt = await createLocalReq({ req: { i18n: req.i18n, t: req.t } }, payload)
  await initTransaction(attempt)
  let id: number | string
  try {
    const data =
      account.collection === 'users' ? { email: account.email, password } : { username: account.username, password }
    const result = await payload.login({ collection: account.collection, data: data as never, req: attempt })
    id = result.user!.id
  } catch (error) {
    if (error instanceof LockedAuth) return 'locked'
    if (error instanceof AuthenticationError) return 'wrong'
    throw error
  } finally {
    await killTransaction(attempt)
  }
  const doc = await payload.db.findOne({ collection: account.collection, where: { id: { equals: id } } })
  if (doc) {
    await resetLoginAttempts({
      collection: payload.collections[account.collection].config,
      doc: doc as never,
      payload,
      req,
    })
  }
  return 'right'
}

/** A staff action refused for the caller's own password (403): an answer, not a server fault. */
export class PasswordRefused extends APIError {
  constructor(message: string) {
    super(message, 403)
  }
}

/**
 * The signed-in staff member confirms an action with their own password. `wrong` says what did not happen, e.g.
 * "Wrong password: the status was not changed".
 */
export async function requireOwnPassword(req: PayloadRequest, password: string, wrong: Message): Promise<void> {
  const user = staffUser(req.user) as { email?: string } | null
  if (!user?.email) throw new Forbidden(req.t)
  const check = password
    ? await checkAccountPassword(req, { collection: 'users', email: user.email }, password)
    : 'wrong'
  if (check === 'locked') {
    throw new PasswordRefused(
      inUserLanguage(req, {
        en: 'Your account is locked after too many wrong passwords; try again later',
        ru: 'Учётная запись заблокирована после нескольких неверных паролей; попробуйте позже',
      }),
    )
  }
  if (check === 'wrong') throw new PasswordRefused(inUserLanguage(req, wrong))
}
