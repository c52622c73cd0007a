// Who is asking, for the throttles: the client's network address. A Payload endpoint (a Next route handler) has no
// socket, so the express host (src/server.ts) writes it into X-Forwarded-For — replacing whatever the client sent,
// unless TRUST_PROXY says a reverse proxy in front appends the real one; either way the last entry is the one.
import type { IncomingMessage } from 'node:http'

import type { PayloadRequest } from 'payload'

import { settings } from '../settings'

const MAX_ADDRESS_LENGTH = 64

export function clientAddress(req: Pick<PayloadRequest, 'headers'>): string {
  const forwarded = req.headers.get('x-forwarded-for') ?? ''
  const last = forwarded
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .at(-1)
  return last ? last.slice(0, MAX_ADDRESS_LENGTH) : 'unknown'
}

/** Called by the express host for every request before Next sees it. */
export function stampClientAddress(request: IncomingMessage): void {
  if (settings.trustProxy && request.headers['x-forwarded-for']) return
  request.headers['x-forwarded-for'] = request.socket.remoteAddress ?? 'unknown'
}
