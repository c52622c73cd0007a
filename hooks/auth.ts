// The auth operations Payload gives every auth collection, made safe for ours: no e-mailed password resets, a locked
// account's tokens stop working, and concurrent logins of one account all get a working token.
import type {
  CollectionBeforeLoginHook,
  CollectionBeforeOperationHook,
  CollectionBeforeReadHook,
  PayloadRequest,
} from 'payload'
import { APIError } from 'payload'
import pg from 'pg'

import { settings } from '../src/settings'
import { inUserLanguage } from '../src/i18n'

/**
 * There is no e-mail delivery, and an anonymous forgot-password would let anyone write reset tokens and probe which
 * accounts exist: staff passwords are set by an administrator, owners prove their phone with an SMS code.
 */
export const refuseEmailedPasswordReset: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'forgotPassword' || operation === 'resetPassword') {
    throw new APIError(
      inUserLanguage(req, {
        en: 'Passwords are not reset by e-mail: staff ask an administrator; owners confirm their phone with an SMS code',
        ru: 'Пароль не сбрасывается по e-mail: сотрудники обращаются к администратору, владельцы подтверждают телефон кодом из SMS',
      }),
      403,
    )
  }
  return args
}

function isLocked(doc: { lockUntil?: unknown }): boolean {
  return Boolean(doc.lockUntil) && new Date(doc.lockUntil as string).getTime() > Date.now()
}

/**
 * While an account is locked (too many wrong passwords), none of its sessions count: Payload's JWT check reads the
 * account through findByID and finds no session, so every existing token is refused until the lock ends or an
 * administrator unlocks it. Nothing is written: the sessions are back after the unlock.
 */
export const lockedAccountsHaveNoSessions: CollectionBeforeReadHook = ({ doc }) => {
  if (doc && isLocked(doc)) return { ...doc, sessions: [] }
  return doc
}

type Session = { id: string; createdAt: Date | string; expiresAt: Date | string }

/**
 * The account's sessions as committed, read on a connection of its own: not one from the pool, which the waiting
 * logins (each holding a pooled connection in its transaction) could have used up.
 */
async function committedSessions(slug: string, id: number | string): Promise<Session[]> {
  if (!/^[a-z][a-z0-9_]*$/.test(slug)) throw new Error(`unexpected auth collection ${slug}`)
  const client = new pg.Client({ connectionString: settings.databaseUrl })
  client.on('error', () => undefined)
  await client.connect()
  try {
    const { rows } = await client.query<Session>(
      `select id, created_at as "createdAt", expires_at as "expiresAt" from "${slug}_sessions" where _parent_id = $1 order by _order`,
      [id],
    )
    return rows
  } finally {
    await client.end()
  }
}

/**
 * Payload writes the whole session list it read before checking the password, so concurrent logins overwrote each
 * other's sessions (handing out dead tokens). Here, inside the login's transaction, after its write (which holds the
 * account's row lock until commit), the list is written again as what is committed (read on a connection of its
 * own) plus this login's new session. Logins committed before us are in the committed list; later ones wait for our row
 * lock and then do the same.
 */
export const keepConcurrentSessions: CollectionBeforeLoginHook = async ({ collection, req, user }) => {
  const sessions = (user as { sessions?: Session[] }).sessions
  const mine = sessions?.at(-1)
  if (!collection.auth?.useSessions || !mine) return user
  const now = Date.now()
  const kept = (await committedSessions(collection.slug, user.id)).filter(
    (session) => session.id !== mine.id && new Date(session.expiresAt).getTime() > now,
  )
  const merged = [...kept, mine]
  await req.payload.db.updateOne({
    collection: collection.slug,
    id: user.id,
    data: { sessions: merged, updatedAt: null } as never,
    req: req as PayloadRequest,
    returning: false,
  })
  ;(user as { sessions?: Session[] }).sessions = merged
  return user
}
