// Issue 9 (findings 5, 13, 14, 18, 20) against the real server: src/start.ts as `npm start` runs it (express,
// the Next.js production build, Payload), spoken to over HTTP. Needs no browser, but a `next build` like
// admin.test.ts (reused when current), hence the long timeout.
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'

import { onePagePdf } from '../../src/seed/pdf'
import { freePort } from '../../src/runtime/ports'
import { closePayload, startPayload } from '../support/payload'
import { npmScript, rootDir } from '../support/npm-script'

const ADMIN = { email: 'http-admin@test.local', password: 'http-admin-pass-1' }
const START_TIMEOUT = 300_000

let child: ChildProcess
let log = ''
let base = ''
let manualFile = ''

async function healthy(): Promise<void> {
  const started = Date.now()
  while (Date.now() - started < START_TIMEOUT) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${log.slice(-3000)}`)
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })).status === 200) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`no healthy server within ${START_TIMEOUT / 1000} s: ${log.slice(-3000)}`)
}

beforeAll(async () => {
  const payload = await startPayload()
  try {
    await payload.create({ collection: 'users', data: { ...ADMIN, name: 'HTTP Admin', role: 'admin' } })
    const manual = await payload.create({
      collection: 'manuals',
      data: { title: 'Server manual' },
      file: { data: onePagePdf('Server'), mimetype: 'application/pdf', name: 'server-manual.pdf', size: 0 },
    })
    manualFile = manual.filename!
  } finally {
    await closePayload(payload)
  }
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  const { NODE_ENV: _env, NODE_OPTIONS: _options, ...inherited } = process.env
  const [command, args] = npmScript('start')
  child = spawn(command, args, {
    cwd: rootDir,
    // As `npm start` runs it: not jest's NODE_ENV=test, not jest's --experimental-vm-modules.
    env: {
      ...inherited,
      PORT: String(port),
      MQTT_INGEST: 'off',
      NEXT_TELEMETRY_DISABLED: '1',
    } as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  await healthy()
}, START_TIMEOUT + 60_000)

afterAll(async () => {
  if (child?.pid === undefined || child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid, 'SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))])
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
})

/** A POST whose body is streamed in chunks (no Content-Length) until the server answers. */
function chunkedPost(urlPath: string, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false
    const request = http.request(
      `${base}${urlPath}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' } },
      (response) => {
        answered = true
        response.resume()
        resolve(response.statusCode ?? 0)
      },
    )
    request.on('error', (error) => (answered ? undefined : reject(error)))
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length
        if (!request.write(chunk)) return void request.once('drain', pump)
      }
      if (!answered) request.end()
    }
    pump()
  })
}

/** A POST that announces `length` bytes and sends only the first 64 KB: the answer must come without the rest. */
function declaredPost(urlPath: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false
    const headers = { 'Content-Type': 'application/json', 'Accept-Language': 'ru', 'Content-Length': String(length) }
    const request = http.request(`${base}${urlPath}`, { method: 'POST', headers }, (response) => {
      answered = true
      let body = ''
      response.on('data', (part: Buffer) => (body += part.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', (error) => (answered ? undefined : reject(error)))
    request.write(Buffer.alloc(64 * 1024, 0x20))
  })
}

describe('the real server', () => {
  it('finding 20: the admin page and API answers carry the security headers; a manual is a sandboxed attachment', async () => {
    for (const url of [`${base}/admin/login`, `${base}/api/models`]) {
      const response = await fetch(url)
      expect({ url, status: response.status }).toEqual({ url, status: 200 })
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(response.headers.get('referrer-policy')).toBe('same-origin')
    }
    const file = await fetch(`${base}/api/manuals/file/${manualFile}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="${manualFile}"; filename*=UTF-8''${manualFile}`,
    )
    expect(file.headers.get('content-security-policy')).toContain('sandbox')
  })

  it('finding 14: 413 for a declared and for a streamed oversized body, and the server carries on', async () => {
    const declared = await declaredPost('/api/buyers/request-code', 50 * 1024 * 1024)
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body).errors[0].message).toBe('Тело запроса слишком велико: здесь не более 1 МБ')
    expect(await chunkedPost('/api/buyers/request-code', 20 * 1024 * 1024)).toBe(413)
    expect(await chunkedPost('/api/graphql', 20 * 1024 * 1024)).toBe(413)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    const small = await fetch(`${base}/api/buyers/request-code`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"phone":"12"}',
    })
    expect(small.status).toBe(400)
    expect(log).not.toMatch(/ERR_HTTP_HEADERS_SENT|ERR_STREAM_WRITE_AFTER_END|uncaught/i)
  })

  it('finding 13: the login cookie writes from our own origin only', async () => {
    const login = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    expect(login.status).toBe(200)
    const { token } = await login.json()
    const create = (origin: string) =>
      fetch(`${base}/api/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: `payload-token=${token}`, Origin: origin },
        body: JSON.stringify({
          email: `srv-${Math.random().toString(36).slice(2)}@test.local`,
          password: 'x-Password-1',
          role: 'admin',
        }),
      })
    expect((await create('https://evil.example')).status).toBe(403)
    expect((await create(base)).status).toBe(201)
  })

  it('findings 5 and 18: unbounded reads get one page, ids that are not ids are 404s, not 500s', async () => {
    for (const query of ['limit=0', 'pagination=false']) {
      const response = await fetch(`${base}/api/models?${query}`)
      expect({ query, status: response.status, limit: (await response.json()).limit }).toEqual({
        query,
        status: 200,
        limit: 200,
      })
    }
    expect((await fetch(`${base}/api/models?limit=abc`)).status).toBe(400)
    for (const id of ['abc', '99999999999999999999', '0x1', '1e0']) {
      expect({ id, status: (await fetch(`${base}/api/models/${id}`)).status }).toEqual({ id, status: 404 })
    }
  })
})
