import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project's top folder (where package.json is), wherever the process was started from. */
export function rootDirOf(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
}
