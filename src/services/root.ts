// Where the project is (package.json, .next, migrations), wherever the process was started from.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The project's top folder. This file is two levels below it (src/services/), and so is the bundle scripts/run.js
 * makes of an entry point (node_modules/.hp-run/), so the same two steps up find it in both.
 */
export function rootDirOf(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
}
