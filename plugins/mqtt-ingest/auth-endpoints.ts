// The HTTP auth and ACL endpoints external brokers call (EMQX, mosquitto-go-auth): same rules as the embedded
// broker, failures throttled, and, with MQTT_AUTH_SECRET, answered only to a caller that knows the secret.
import { timingSafeEqual } from 'node:crypto'

import type { Endpoint, PayloadRequest } from 'payload'

import { brokerLogin, INGEST_USERNAME, mayPublishAs, maySubscribeAs } from './credentials'
import { FailureWindow } from './failure-window'
import type { BrokerHost } from './host'

export type BrokerAuthOptions = {
  /** The shared secret the broker sends (header `X-MQTT-Auth-Secret`, or `?secret=`); unset: anyone may ask. */
  secret: () => string | undefined
  /** The host's serial rule and device-key hash, and the ingestion's own password when configured. */
  host: () => BrokerHost
}

/** Wrong passwords per username (any caller), and per calling address (callers without the secret), per minute. */
export const FAILURES_PER_USERNAME = 10
export const FAILURES_PER_ADDRESS = 30
const WINDOW_MS = 60_000

type BrokerQuestion = { username?: unknown; password?: unknown; topic?: unknown; action?: unknown; acc?: unknown }

/** Read leniently (not `jsonBody`): a call that is not a JSON object (`null`, a list, a number…) gets "deny". */
async function question(req: PayloadRequest): Promise<BrokerQuestion> {
  try {
    const text = await req.text?.()
    const body: unknown = text ? JSON.parse(text) : {}
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as BrokerQuestion) : {}
  } catch {
    return {}
  }
}

/** One answer both EMQX (`result`) and mosquitto-go-auth's JSON mode (`ok`) read; always HTTP 200. */
function verdict(allowed: boolean, superuser = false): Response {
  return Response.json({
    result: allowed ? 'allow' : 'deny',
    ok: allowed,
    is_superuser: superuser,
    error: allowed ? '' : 'denied',
  })
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The caller as far as this process can tell: the first X-Forwarded-For hop (Next.js fills it from the socket
 * when the client sent none). A client can send its own, so this only slows a careless guesser down; the secret
 * and the broker's network are what keep these endpoints to the broker.
 */
function callerAddress(req: PayloadRequest): string {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || 'unknown'
}

/** Whether the caller proved it is the broker (always true when no secret is configured). */
function fromBroker(req: PayloadRequest, secret: string | undefined): boolean {
  if (!secret) return true
  const given =
    req.headers.get('x-mqtt-auth-secret') ?? new URL(req.url ?? 'http://x/').searchParams.get('secret') ?? ''
  return sameText(given, secret)
}

export function brokerEndpoints(options: BrokerAuthOptions): Endpoint[] {
  const byUsername = new FailureWindow(FAILURES_PER_USERNAME, WINDOW_MS)
  const byAddress = new FailureWindow(FAILURES_PER_ADDRESS, WINDOW_MS)
  return [
    {
      // EMQX HTTP authentication / mosquitto-go-auth HTTP backend (user): {"username", "password"}.
      path: '/mqtt/auth',
      method: 'post',
      handler: async (req) => {
        const secret = options.secret()
        const address = secret ? null : callerAddress(req)
        if (!fromBroker(req, secret)) return verdict(false)
        const { username, password } = await question(req)
        if (typeof username !== 'string' || typeof password !== 'string' || !username || !password)
          return verdict(false)
        // Both attempts are taken before the password is checked: concurrent guesses cannot slip past the count.
        const attempts = [byUsername.attempt(username), ...(address ? [byAddress.attempt(address)] : [])]
        if (attempts.some((attempt) => !attempt.allowed)) {
          for (const attempt of attempts) attempt.forget()
          return verdict(false)
        }
        const account = await brokerLogin(req.payload, options.host(), username, password).catch(() => 'error' as const)
        // A success, or the database failing, is not the caller's wrong guess.
        if (account) for (const attempt of attempts) attempt.forget()
        return verdict(account !== null && account !== 'error')
      },
    },
    {
      // EMQX HTTP authorization ({"username", "topic", "action": "publish"|"subscribe"}) / mosquitto-go-auth
      // ({"username", "topic", "acc": 1 read, 2 write, 3 read+write, 4 subscribe}). The broker asks only after
      // authenticating the client, so the username is trusted here.
      path: '/mqtt/acl',
      method: 'post',
      handler: async (req) => {
        if (!fromBroker(req, options.secret())) return verdict(false)
        const { username, topic, action, acc } = await question(req)
        if (typeof username !== 'string' || typeof topic !== 'string') return verdict(false)
        const { normalizeSerial } = options.host()
        const account =
          username === INGEST_USERNAME
            ? ({ kind: 'ingest' } as const)
            : ({ kind: 'modem', serial: username, normalizeSerial } as const)
        const publish = action === 'publish' || acc === 2 || acc === 3
        return verdict(publish ? mayPublishAs(account, topic) : maySubscribeAs(account, topic))
      },
    },
  ]
}
