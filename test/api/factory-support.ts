// Shared by the factory test files: a multipart upload and a raw download through the handlers Next.js mounts,
// files of produced pumps (CSV, XLSX), valid ICCIDs, and the PDF checks (pages; text and QR codes with poppler).
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import ExcelJS from 'exceljs'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

import config from '../../payload.config'
import { luhnValid } from '../../src/domain/iccid'
import { receivedBodies, type ApiResponse } from '../support/payload'

type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>
const post = REST_POST(config) as Handler
const get = REST_GET(config) as Handler
const run = promisify(execFile)

function slugOf(url: URL): string[] {
  return url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
}

type As = { token?: string; language?: 'en' | 'ru' }

/** POST /api/pumps/import with the file and the caller's password as multipart/form-data. */
export async function upload(file: { name: string; data: Buffer | string }, password: string | undefined, as: As) {
  const form = new FormData()
  form.set('file', new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)]), file.name)
  if (password !== undefined) form.set('password', password)
  const headers = new Headers({ 'Accept-Language': as.language ?? 'en' })
  if (as.token) headers.set('Authorization', `JWT ${as.token}`)
  const url = new URL('http://localhost:3000/api/pumps/import')
  const response = await post(new Request(url, { method: 'POST', headers, body: form }), {
    params: Promise.resolve({ slug: slugOf(url) }),
  })
  const text = await response.text()
  receivedBodies.push(text)
  return { status: response.status, body: JSON.parse(text), headers: response.headers } as ApiResponse
}

/** GET of a handout link (`/api/pumps/handouts/…`): the raw bytes. */
export async function download(link: string, as: As): Promise<{ status: number; data: Buffer; headers: Headers }> {
  const url = new URL(link, 'http://localhost:3000')
  const headers = new Headers({ 'Accept-Language': as.language ?? 'en' })
  if (as.token) headers.set('Authorization', `JWT ${as.token}`)
  const response = await get(new Request(url, { headers }), { params: Promise.resolve({ slug: slugOf(url) }) })
  return { status: response.status, data: Buffer.from(await response.arrayBuffer()), headers: response.headers }
}

/** A JSON POST answered with bytes (a label PDF). */
export async function rawPost(link: string, body: unknown, token?: string) {
  const url = new URL(link, 'http://localhost:3000')
  const headers = new Headers({ 'Accept-Language': 'en', 'Content-Type': 'application/json' })
  if (token) headers.set('Authorization', `JWT ${token}`)
  const request = new Request(url, { method: 'POST', headers, body: JSON.stringify(body) })
  const response = await post(request, { params: Promise.resolve({ slug: slugOf(url) }) })
  return { status: response.status, data: Buffer.from(await response.arrayBuffer()), headers: response.headers }
}

/** A valid ICCID (89…, Luhn check digit) from a number. */
export function iccid(n: number): string {
  const body = `8970199${String(n).padStart(12, '0')}`
  for (let digit = 0; digit < 10; digit++) if (luhnValid(body + digit)) return body + digit
  throw new Error('unreachable')
}

export function csv(rows: string[][], delimiter = ','): string {
  return rows.map((row) => row.join(delimiter)).join('\r\n')
}

export async function xlsx(rows: (string | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Pumps')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0
}

export const hasPoppler = async () =>
  run('pdftoppm', ['-v'])
    .then(() => true)
    .catch(() => false)

/** The PDF's text (pdftotext) and the QR code decoded on each page (pdftoppm, jsQR). */
export async function renderPdf(pdf: Buffer): Promise<{ text: string; qrPerPage: (string | null)[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'h-factory-pdf-'))
  try {
    await writeFile(path.join(dir, 'labels.pdf'), pdf)
    await run('pdftotext', ['-layout', path.join(dir, 'labels.pdf'), path.join(dir, 'labels.txt')])
    await run('pdftoppm', ['-png', '-r', '200', path.join(dir, 'labels.pdf'), path.join(dir, 'page')])
    const pages = (await readdir(dir))
      .filter((name) => name.endsWith('.png'))
      .sort((a, b) => Number(a.match(/(\d+)\.png$/)![1]) - Number(b.match(/(\d+)\.png$/)![1]))
    const qrPerPage = await Promise.all(
      pages.map(async (name) => {
        const png = PNG.sync.read(await readFile(path.join(dir, name)))
        return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
      }),
    )
    return { text: await readFile(path.join(dir, 'labels.txt'), 'utf8'), qrPerPage }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
