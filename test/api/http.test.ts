// Issue 9, findings 13, 14, 20 at the HTTP level: a real express server with the production guards
// (src/runtime/http-guards.ts) in front of Payload's REST handlers, spoken to over real sockets.
import http from 'node:http'
import type { Payload } from 'payload'

import { attachment } from '../../src/runtime/http-guards'
import { onePagePdf } from '../../src/seed/pdf'
import { settings } from '../../src/settings'
import { createWorld, type World } from '../support/fixtures'
import { startTestServer, type TestServer } from '../support/http-app'
import { closePayload, startPayload } from '../support/payload'

const MAX_UPLOAD = 3 * 1024 * 1024

let payload: Payload
let world: World
let server: TestServer

beforeAll(async () => {
  payload = await startPayload()
  world = await createWorld(payload)
  server = await startTestServer({
    allowedOrigins: settings.allowedOrigins,
    maxBodyBytes: settings.maxBodyBytes,
    maxUploadBytes: MAX_UPLOAD,
  })
}, 300_000)
afterAll(async () => {
  await server?.close()
  await closePayload(payload)
})

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: any; sent: number }

/**
 * One raw request. `chunks` bodies go out chunked (no Content-Length), one chunk after another as the socket
 * takes them, until the server answers; `declaredLength` announces a body and sends only its first bytes.
 */
function send(
  method: string,
  path: string,
  options: {
    headers?: Record<string, string>
    body?: Buffer
    chunks?: { size: number; max: number }
    declaredLength?: number
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const request = http.request(`${server.url}${path}`, { method, headers: options.headers }, (response) => {
      answered = true
      const parts: Buffer[] = []
      response.on('data', (part: Buffer) => parts.push(part))
      response.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8')
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // not JSON
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, sent })
      })
    })
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    if (options.declaredLength !== undefined) {
      request.setHeader('Content-Length', String(options.declaredLength))
      request.write(Buffer.alloc(64 * 1024, 0x20))
      sent = 64 * 1024
      return
    }
    if (options.chunks) {
      const chunk = Buffer.alloc(options.chunks.size, 0x20)
      const pump = () => {
        while (!answered && sent < options.chunks!.max) {
          sent += chunk.length
          if (!request.write(chunk)) return void request.once('drain', pump)
        }
        if (!answered) request.end()
      }
      return pump()
    }
    request.end(options.body)
  })
}

const json = (headers: Record<string, string> = {}) => ({ 'Content-Type': 'application/json', ...headers })
const MB = 1024 * 1024

describe('finding 14: bodies past the limit answer 413 before they are read', () => {
  it("a declared 50 MB JSON body to request-code: 413 at once, in the caller's language", async () => {
    const english = await send('POST', '/api/buyers/request-code', { headers: json(), declaredLength: 50 * MB })
    expect(english.status).toBe(413)
    expect(english.body.errors[0].message).toBe('The request body is too large: at most 1 MB here')
    const russian = await send('POST', '/api/buyers/request-code', {
      headers: json({ 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' }),
      declaredLength: 50 * MB,
    })
    expect(russian.status).toBe(413)
    expect(russian.body.errors[0].message).toBe('Тело запроса слишком велико: здесь не более 1 МБ')
  })

  it('a chunked body without a length is counted while it streams and cut off past 1 MB', async () => {
    const answer = await send('POST', '/api/buyers/request-code', {
      headers: json(),
      chunks: { size: 64 * 1024, max: 50 * MB },
    })
    expect(answer.status).toBe(413)
    // What the client got into the socket before the answer: the limit plus what the buffers on the way held.
    expect(answer.sent).toBeLessThan(8 * MB)
  })

  it('8 concurrent anonymous 50 MB chunked bodies are all refused without the server holding them', async () => {
    const before = process.memoryUsage().rss
    const started = performance.now()
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        send('POST', '/api/buyers/request-code', { headers: json(), chunks: { size: 64 * 1024, max: 50 * MB } }),
      ),
    )
    const elapsed = performance.now() - started
    const grown = (process.memoryUsage().rss - before) / MB
    console.log(
      `[http.test] 8 × 50 MB chunked: all answered in ${elapsed.toFixed(0)} ms, rss grew ${grown.toFixed(1)} MB, ` +
        `clients sent ${(answers.reduce((sum, a) => sum + a.sent, 0) / MB).toFixed(1)} MB in all`,
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(413))
    expect(grown).toBeLessThan(100)
  })

  it('a small body still gets its real answer', async () => {
    const answer = await send('POST', '/api/buyers/request-code', {
      headers: json(),
      body: Buffer.from('{"phone":"12"}'),
    })
    expect(answer.status).toBe(400)
    const chunked = await send('POST', '/api/graphql', {
      headers: json(),
      chunks: { size: 16, max: 16 },
    })
    expect(chunked.status).not.toBe(413)
  })

  it('manuals take a PDF above the JSON limit and refuse one above the upload limit', async () => {
    const upload = async (size: number) => {
      // Padding in the middle: Payload checks a PDF's head and its last kilobyte (xref, %%EOF).
      const small = onePagePdf('Big manual')
      const pdf = Buffer.concat([small, Buffer.alloc(size, 0x20), small.subarray(small.length - 200)])
      const form = new FormData()
      form.append('_payload', JSON.stringify({ title: `Manual ${size}` }))
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), `big-${size}.pdf`)
      const response = await fetch(`${server.url}/api/manuals`, {
        method: 'POST',
        headers: { Authorization: `JWT ${world.tokens.admin}` },
        body: form,
      })
      return { status: response.status, body: await response.json() }
    }
    const accepted = await upload(2 * MB)
    expect(accepted.status).toBe(201)
    const refused = await upload(MAX_UPLOAD + MB)
    expect(refused.status).toBe(413)
    expect(refused.body.errors[0].message).toBe('The request body is too large: at most 3.1 MB here')
  })

  it('other collections do not get the upload limit for multipart bodies', async () => {
    const answer = await send('POST', '/api/users', {
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', Authorization: `JWT ${world.tokens.admin}` },
      declaredLength: 2 * MB,
    })
    expect(answer.status).toBe(413)
  })
})

describe('finding 13: no cookie-authenticated writes from foreign origins', () => {
  const cookie = () => `payload-token=${world.tokens.admin}`
  const newUser = () => ({
    email: `http-${Date.now()}-${Math.random().toString(36).slice(2)}@test.local`,
    password: 'x-Password-1',
    role: 'admin',
  })
  const multipart = (data: Record<string, unknown>) => {
    const form = new FormData()
    form.append('_payload', JSON.stringify(data))
    return form
  }

  it('the reported attack: a cross-site multipart POST /api/users with the admin cookie', async () => {
    const data = newUser()
    const response = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { Cookie: cookie(), Origin: 'https://evil.example', 'Accept-Language': 'en' },
      body: multipart(data),
    })
    expect(response.status).toBe(403)
    expect((await response.json()).errors[0].message).toContain('https://evil.example')
    expect((await payload.find({ collection: 'users', where: { email: { equals: data.email } } })).totalDocs).toBe(0)
  })

  it('our own endpoints and a PATCH or DELETE are refused the same way; a cross-site fetch without Origin too', async () => {
    const id = world.pumps.unclaimed.id
    for (const [method, path] of [
      ['POST', `/api/pumps/${id}/advance`],
      ['PATCH', `/api/pumps/${id}`],
      ['DELETE', `/api/pumps/${id}`],
    ]) {
      const answer = await send(method, path, {
        headers: json({ Cookie: cookie(), Origin: 'https://evil.example' }),
        body: Buffer.from('{}'),
      })
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 })
    }
    const noOrigin = await send('POST', `/api/pumps/${id}/advance`, {
      headers: json({ Cookie: cookie(), 'Sec-Fetch-Site': 'cross-site' }),
      body: Buffer.from('{}'),
    })
    expect(noOrigin.status).toBe(403)
  })

  it('the admin panel (our own origin, cookie) and the mobile app (JWT, no Origin) still write', async () => {
    const own = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { Cookie: cookie(), Origin: 'http://localhost:3000' },
      body: multipart(newUser()),
    })
    expect(own.status).toBe(201)
    const app = await send('POST', '/api/users', {
      headers: json({ Authorization: `JWT ${world.tokens.admin}` }),
      body: Buffer.from(JSON.stringify(newUser())),
    })
    expect(app.status).toBe(201)
    // Reads are not writes: a GET from anywhere is answered (as the cookie's owner or not, Payload decides).
    expect(
      (await send('GET', '/api/models', { headers: { Cookie: cookie(), Origin: 'https://evil.example' } })).status,
    ).toBe(200)
  })
})

describe('finding 20: security headers on every response', () => {
  it('JSON answers, errors and 413s carry nosniff, frame denial, a CSP and a referrer policy', async () => {
    const answers = [
      await send('GET', '/api/models'),
      await send('GET', '/api/pumps/abc'),
      await send('POST', '/api/buyers/request-code', { headers: json(), declaredLength: 50 * MB }),
    ]
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff')
      expect(answer.headers['x-frame-options']).toBe('DENY')
      expect(answer.headers['referrer-policy']).toBe('same-origin')
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(answer.headers['content-security-policy']).toContain("object-src 'none'")
    }
  })

  it('an uploaded manual is served as an attachment under a sandboxing CSP', async () => {
    const manual = await payload.create({
      collection: 'manuals',
      data: { title: 'Headers manual' },
      file: { data: onePagePdf('Headers'), mimetype: 'application/pdf', name: 'руководство по монтажу.pdf', size: 0 },
    })
    const answer = await send('GET', `/api/manuals/file/${encodeURIComponent(manual.filename!)}`)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/pdf')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/)
    expect(answer.headers['content-disposition']).toBe(attachment(encodeURIComponent(manual.filename!)))
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''/)
  })

  it('a file name cannot break out of the header', () => {
    const header = attachment(encodeURIComponent('a"b\r\nSet-Cookie: x=y;.pdf'))
    expect(header).toBe(
      `attachment; filename="a_b__Set-Cookie__x_y_.pdf"; filename*=UTF-8''${encodeURIComponent('a"b\r\nSet-Cookie: x=y;.pdf')}`,
    )
    expect(header).not.toMatch(/[\r\n]/)
  })
})
