// Runs one of our TypeScript entry points (`node scripts/run.js src/start.ts …`) as plain JavaScript: esbuild bundles
// our own code (packages stay external) into node_modules/.hp-run/, and Node runs that file with no loader hooks.
// Why: under Node 20, tsx's off-thread module hooks now and then lose a dynamic import() for good. The process then
// exits 0 without a word, or hangs while an embedded PostgreSQL keeps it alive. Measured here: about 1 in 6 starts of
// `tsx src/seed/cli.ts`; the same was reported upstream (payloadcms/payload#17757). A plain file has no hooks to lose.
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** Two levels below the project, so that code finding the project from its own file finds it the same way. */
const outDir = path.join(root, 'node_modules', '.hp-run')

/** Bundles `entry` into one ES module; written under a temporary name and renamed, so parallel starts never clash. */
async function bundle(entry) {
  const source = path.resolve(root, entry)
  if (!fs.existsSync(source)) throw new Error(`no such entry point: ${entry}`)
  const name = path
    .relative(root, source)
    .replace(/\.tsx?$/, '')
    .replace(/[\\/]/g, '_')
  const outfile = path.join(outDir, `${name}.mjs`)
  const result = await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: 'inline',
    logLevel: 'error',
    // Our code has no require(); a dependency's CommonJS stays external and is loaded by Node itself.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  })
  fs.mkdirSync(outDir, { recursive: true })
  const temporary = `${outfile}.${process.pid}.tmp`
  fs.writeFileSync(temporary, result.outputFiles[0].contents)
  fs.renameSync(temporary, outfile)
  return outfile
}

const [entry, ...args] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/run.js <entry.ts> [arguments…]')
  process.exit(2)
}
const outfile = await bundle(entry)
process.setSourceMapsEnabled(true)
process.argv = [process.argv[0], outfile, ...args]
await import(pathToFileURL(outfile).href)
