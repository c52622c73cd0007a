// Express guards in front of Next.js (issue 9: 13, 14, 20): security headers on every response, an early 413 for
// oversized bodies, and no cookie-authenticated writes from foreign origins. Kept apart from server.ts to be testable.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, RequestHandler, Response } from 'express'

export type HttpGuardOptions = {
  allowedOrigins: string[]
  maxBodyBytes: number
  maxUploadBytes: number
  /** Next.js development mode needs eval and a websocket for hot reload. */
  dev?: boolean
}

type Message = { en: string; ru: string }

/** The caller's language as Payload picks it: the admin's `payload-lng` cookie, else Accept-Language, else English. */
export function requestLanguage(req: IncomingMessage): 'en' | 'ru' {
  const cookie = /(?:^|;\s*)payload-lng=(\w+)/.exec(req.headers.cookie ?? '')?.[1]
  if (cookie === 'ru' || cookie === 'en') return cookie
  const tags = (req.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=')
      return { tag: tag.toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) }
    })
    .sort((a, b) => b.q - a.q)
  const first = tags.find(({ tag }) => tag === 'ru' || tag === 'en')
  return first?.tag === 'ru' ? 'ru' : 'en'
}

/** Answers in Payload's error shape and makes later writes (Next still finishing the request) harmless. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: Message): void {
  if (res.headersSent) {
    req.socket.destroy()
    return
  }
  const body = JSON.stringify({ errors: [{ message: message[requestLanguage(req)] }] })
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // The body was not read: the connection is not reused for another request.
    Connection: 'close',
  })
  lingerAfterAnswer(req)
  res.end(body)
  const inert = res as unknown as Record<string, unknown>
  for (const method of ['setHeader', 'appendHeader', 'removeHeader', 'writeHead', 'flushHeaders', 'end']) {
    inert[method] = () => res
  }
  inert.write = () => true
}

/** How long a refused request's unread body is still read and dropped before the connection is cut. */
const LINGER_MS = 2000

/**
 * Node closes a `Connection: close` answer with `destroy()` once written; with the client still sending, the unread
 * bytes make the kernel answer with a reset, and the client can lose the 413 before reading it (EPIPE, ECONNRESET).
 * Instead the write side is closed after the answer and the rest of the body is read and dropped for a while
 * (a lingering close, as nginx does), then the connection is cut.
 */
function lingerAfterAnswer(req: IncomingMessage): void {
  const socket = req.socket
  socket.destroySoon = function lingeringClose() {
    socket.end()
    socket.resume()
    const timer = setTimeout(() => socket.destroy(), LINGER_MS)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
  }
}

const CSP_APP = (dev: boolean) =>
  [
    "default-src 'self'",
    // Next.js hydrates with inline scripts: 'unsafe-inline' stays until the admin can be served with nonces.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

/** An uploaded file may be anything a browser would render: no scripts, no plugins, its own sandboxed origin. */
const CSP_UPLOAD = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'"

const FILE_PATH = /^\/api\/[^/]+\/file\/([^/?]+)/

export function securityHeaders(options: Pick<HttpGuardOptions, 'dev'>): RequestHandler {
  const appPolicy = CSP_APP(Boolean(options.dev))
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    const file = FILE_PATH.exec(req.path)
    if (file) {
      res.setHeader('Content-Security-Policy', CSP_UPLOAD)
      res.setHeader('Content-Disposition', attachment(file[1]))
    } else {
      res.setHeader('Content-Security-Policy', appPolicy)
    }
    next()
  }
}

/** `attachment` with an ASCII fallback name and the real one encoded (RFC 6266): never a header injection. */
export function attachment(rawName: string): string {
  let name: string
  try {
    name = decodeURIComponent(rawName)
  } catch {
    name = rawName
  }
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 150) || 'file'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name.slice(0, 150))}`
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Payload's login cookie (cookiePrefix `payload`). */
const hasLoginCookie = (req: IncomingMessage) => /(?:^|;\s*)payload-token=/.test(req.headers.cookie ?? '')

/**
 * A browser write carrying our login cookie must come from one of our own pages. Bearer/JWT clients (the mobile
 * app) send no cookie and are not concerned. Payload's `csrf` list drops such a cookie too; this answers clearly.
 */
export function originGuard(options: Pick<HttpGuardOptions, 'allowedOrigins'>): RequestHandler {
  const allowed = new Set(options.allowedOrigins)
  return (req: Request, res: Response, next: NextFunction) => {
    if (!UNSAFE.has(req.method) || !hasLoginCookie(req)) return next()
    const origin = req.headers.origin
    const site = req.headers['sec-fetch-site']
    const foreign = origin !== undefined ? !allowed.has(origin) : site === 'cross-site'
    if (!foreign) return next()
    const shown = origin ?? site ?? ''
    refuse(req, res, 403, {
      en: `Requests from ${shown} may not use this site's login. Open the site at ${[...allowed].join(' or ')} (SERVER_URL, ALLOWED_ORIGINS).`,
      ru: `Запросы с ${shown} не могут пользоваться входом на этот сайт. Откройте сайт по адресу ${[...allowed].join(' или ')} (SERVER_URL, ALLOWED_ORIGINS).`,
    })
  }
}

// Manuals' files and the factory's import of produced pumps (which refuses above MAX_IMPORT_BYTES itself).
const UPLOAD_PATH = /^\/api\/(?:manuals(?:\/[^/]+)?|pumps\/import)\/?$/

function tooLarge(limit: number): Message {
  const size = limit >= 1024 * 1024 ? `${+(limit / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(limit / 1024)} KB`
  const sizeRu = size.replace('MB', 'МБ').replace('KB', 'КБ')
  return {
    en: `The request body is too large: at most ${size} here`,
    ru: `Тело запроса слишком велико: здесь не более ${sizeRu}`,
  }
}

/**
 * 413 before reading when Content-Length says too much; for a body without a length (chunked), bytes are counted
 * as they arrive and the request is refused once past the limit, before the handler sees a complete body.
 */
export function bodyLimit(options: Pick<HttpGuardOptions, 'maxBodyBytes' | 'maxUploadBytes'>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const multipart = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')
    const limit =
      multipart && (req.method === 'POST' || req.method === 'PATCH') && UPLOAD_PATH.test(req.path)
        ? options.maxUploadBytes + 64 * 1024 // the file plus its form fields
        : options.maxBodyBytes
    const declared = req.headers['content-length']
    if (declared !== undefined) {
      if (Number(declared) > limit) return refuse(req, res, 413, tooLarge(limit))
      return next()
    }
    if (req.headers['transfer-encoding'] === undefined) return next()
    countBytes(req, limit, () => refuse(req, res, 413, tooLarge(limit)))
    next()
  }
}

/** Counts the body as the HTTP parser hands it over; past the limit the rest is dropped and never ends the body. */
function countBytes(req: IncomingMessage, limit: number, onExceeded: () => void): void {
  let received = 0
  const push = req.push.bind(req)
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) return push(null)
    received += (chunk as Buffer).length
    if (received <= limit) return push(chunk, encoding)
    req.push = () => true
    onExceeded()
    return true
  }
}

export function httpGuards(options: HttpGuardOptions): RequestHandler[] {
  return [securityHeaders(options), originGuard(options), bodyLimit(options)]
}
