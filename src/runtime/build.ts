// The production build of the admin panel: made on first start and again when the sources changed (by content:
// `npm install` touches package-lock.json without changing it, and that must not cost a rebuild).
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { environmentWith } from '../settings'

const SOURCES = [
  'src',
  'collections',
  'hooks',
  'access',
  'plugins',
  'payload.config.ts',
  'next.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
]
/** Beside BUILD_ID: the hash of the sources the build was made from. */
const HASH_FILE = 'source-hash'
/** A line every so often while `next build` says nothing for minutes. */
const PROGRESS_EVERY_MS = 20_000

function addEntry(hash: crypto.Hash, rootDir: string, entry: string): void {
  const full = path.join(rootDir, entry)
  const stat = fs.statSync(full, { throwIfNoEntry: false })
  if (!stat) return
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(full).sort()) addEntry(hash, rootDir, path.join(entry, child))
    return
  }
  hash.update(`${entry}\0${stat.size}\0`)
  hash.update(fs.readFileSync(full))
}

/** A hash of every source file's path and contents (not of their times). */
export function sourceHash(rootDir: string): string {
  const hash = crypto.createHash('sha256')
  for (const entry of SOURCES) addEntry(hash, rootDir, entry)
  return hash.digest('hex')
}

/** Records that the build in .next was made from sources with this hash. */
export function recordBuiltSources(rootDir: string, hash: string): void {
  fs.writeFileSync(path.join(rootDir, '.next', HASH_FILE), hash + '\n')
}

export function buildIsCurrent(rootDir: string): boolean {
  const hashFile = path.join(rootDir, '.next', HASH_FILE)
  if (!fs.existsSync(path.join(rootDir, '.next', 'BUILD_ID')) || !fs.existsSync(hashFile)) return false
  return fs.readFileSync(hashFile, 'utf8').trim() === sourceHash(rootDir)
}

export async function buildAdmin(rootDir: string): Promise<void> {
  console.log('[build] building the admin panel (next build: 2–4 minutes on 2 cores, once per change of the sources)…')
  const started = Date.now()
  // Hashed before: a file changed during the build makes the next start build again.
  const hash = sourceHash(rootDir)
  const nextBin = path.join(rootDir, 'node_modules', 'next', 'dist', 'bin', 'next')
  const progress = setInterval(
    () => console.log(`[build] still building… ${Math.round((Date.now() - started) / 1000)} s`),
    PROGRESS_EVERY_MS,
  )
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [nextBin, 'build'], {
        cwd: rootDir,
        stdio: 'inherit',
        // The build evaluates payload.config.ts but connects to nothing and signs nothing.
        env: environmentWith(
          { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
          { PAYLOAD_SECRET: 'build-only' },
        ),
      })
      child.once('error', reject)
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code})`)),
      )
    })
  } finally {
    clearInterval(progress)
  }
  recordBuiltSources(rootDir, hash)
  console.log(`[build] done in ${Math.round((Date.now() - started) / 1000)} s`)
}
