// The production build of the admin panel: made on first start and again when the sources changed.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { environmentWith } from '../settings'

const SOURCES = ['src', 'collections', 'hooks', 'access', 'plugins', 'payload.config.ts', 'next.config.ts', 'package-lock.json']

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

export function buildIsCurrent(rootDir: string): boolean {
  const buildId = fs.statSync(path.join(rootDir, '.next', 'BUILD_ID'), { throwIfNoEntry: false })
  if (!buildId) return false
  return SOURCES.every((entry) => newestMtime(path.join(rootDir, entry)) <= buildId.mtimeMs)
}

export async function buildAdmin(rootDir: string): Promise<void> {
  console.log('[build] building the admin panel (next build, about 1.5 minutes on 2 cores)…')
  const started = Date.now()
  const nextBin = path.join(rootDir, 'node_modules', 'next', 'dist', 'bin', 'next')
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: rootDir,
      stdio: 'inherit',
      // The build evaluates payload.config.ts but connects to nothing and signs nothing.
      env: environmentWith({ NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }, { PAYLOAD_SECRET: 'build-only' }),
    })
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code})`))))
  })
  console.log(`[build] done in ${Math.round((Date.now() - started) / 1000)} s`)
}
