// The throttles' client address: a client cannot choose it unless a trusted proxy is configured (TRUST_PROXY).
import type { IncomingMessage } from 'node:http'

import { clientAddress, stampClientAddress } from '../../src/services/client-address'
import { settings } from '../../src/settings'

function incoming(forwarded: string | undefined, socketAddress: string): IncomingMessage {
  return {
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    socket: { remoteAddress: socketAddress },
  } as never
}

function seen(request: IncomingMessage): string {
  return clientAddress({ headers: new Headers(request.headers as Record<string, string>) })
}

describe('client address', () => {
  const saved = settings.trustProxy
  afterEach(() => {
    settings.trustProxy = saved
  })

  it('without TRUST_PROXY the socket address replaces whatever the client sent', () => {
    settings.trustProxy = false
    const request = incoming('1.2.3.4, 5.6.7.8', '203.0.113.9')
    stampClientAddress(request)
    expect(seen(request)).toBe('203.0.113.9')
  })

  it('with TRUST_PROXY the last entry the proxy appended counts', () => {
    settings.trustProxy = true
    const request = incoming('1.2.3.4, 198.51.100.20', '10.0.0.1')
    stampClientAddress(request)
    expect(seen(request)).toBe('198.51.100.20')
    const direct = incoming(undefined, '10.0.0.2')
    stampClientAddress(direct)
    expect(seen(direct)).toBe('10.0.0.2')
  })

  it('no address at all is "unknown" (not a throttle key)', () => {
    expect(clientAddress({ headers: new Headers() })).toBe('unknown')
  })
})
