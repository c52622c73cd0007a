// The product's commands exactly as package.json's scripts run them (`node --conditions=production scripts/run.js
// <entry>`), for the tests that start them as child processes: read from package.json, so the two never drift.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** `[node, arguments]` of `npm run <name> -- <extra>`; only scripts that are a plain `node …` command. */
export function npmScript(name: string, extra: string[] = []): [string, string[]] {
  const scripts = JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >
  const words = (scripts[name] ?? '').split(/\s+/).filter(Boolean)
  if (words[0] !== 'node')
    throw new Error(`package.json's script "${name}" is not a plain node command: ${scripts[name]}`)
  return [process.execPath, [...words.slice(1), ...extra]]
}
