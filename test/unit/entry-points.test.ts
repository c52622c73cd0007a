// The product's commands start the way that never loses an import: plain Node running scripts/run.js's bundle, with
// the `production` export condition, so Lexical (loaded by the config's rich-text editor) resolves to its plain
// builds. Its `node` builds pick dev or prod with a top-level `await import()`, and under Node 20 that made about 1 in
// 6 starts of `npm start`, `npm run seed` or `npm run worker` exit 0 without a word, or hang (docs/architecture.md).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

import { npmScript, rootDir } from '../support/npm-script'

const PRODUCT_COMMANDS = ['start', 'build', 'seed', 'worker', 'simulate', 'bench:ingest', 'bench:live']
const LEXICAL_PACKAGES = ['lexical', '@lexical/utils', '@lexical/selection', '@lexical/table', '@lexical/headless']

/** Where Node resolves each package for a process started with the script's own node flags. */
function resolvedUnder(flags: string[], packages: string[]): string[] {
  const script = `for (const name of ${JSON.stringify(packages)}) console.log(import.meta.resolve(name))`
  const output = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], {
    cwd: rootDir,
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  return output.toString().trim().split('\n')
}

const topLevelAwait = /^(?:export\s+)?(?:(?:const|let|var)\s+[^=\n]+=\s*)?await\b/m

describe.each(PRODUCT_COMMANDS)('`npm run %s`', (name) => {
  const [, args] = npmScript(name)
  const runAt = args.indexOf('scripts/run.js')

  it('runs its entry point through scripts/run.js, with no loader hooks (tsx) in the process', () => {
    expect(runAt).toBeGreaterThan(-1)
    expect(fs.existsSync(`${rootDir}/${args[runAt + 1]}`)).toBe(true)
    expect(args.join(' ')).not.toMatch(/tsx|--import|--loader/)
  })

  it('resolves Lexical to builds without a top-level await', () => {
    const files = resolvedUnder(args.slice(0, runAt), LEXICAL_PACKAGES).map((url) => fileURLToPath(url))
    for (const file of files) {
      expect(file).toMatch(/\.prod\.mjs$/)
      expect(fs.readFileSync(file, 'utf8')).not.toMatch(topLevelAwait)
    }
  })
})

it('the check above would see the top-level await of the builds Node picks without the condition', () => {
  const [file] = resolvedUnder([], ['lexical']).map((url) => fileURLToPath(url))
  expect(fs.readFileSync(file, 'utf8')).toMatch(topLevelAwait)
})
