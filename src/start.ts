// `npm start`: installs nothing, assumes nothing — builds the admin panel when needed, starts an embedded
// PostgreSQL when DATABASE_URL is unset, then serves everything on PORT (3000).
// `npm run dev` (NODE_ENV=development) runs Next.js in development mode with schema push instead.
import { buildAdmin, buildIsCurrent } from './runtime/build'
import { prepareRuntime } from './runtime/prepare'
import { closeOnSignals } from './runtime/shutdown'
import { setNodeEnvironment, settings } from './settings'

const dev = settings.schemaPush

async function main(): Promise<void> {
  const started = Date.now()
  const runtime = await prepareRuntime()
  // Imported after prepareRuntime: payload.config.ts reads DATABASE_URL and PAYLOAD_SECRET when it loads.
  const { rootDir, startServer } = await import('./server')
  if (!dev) {
    if (!buildIsCurrent(rootDir)) await buildAdmin(rootDir)
    // Next serves its production build only under NODE_ENV=production; it also makes Payload apply migrations.
    setNodeEnvironment('production')
  }
  const server = await startServer({ dev })
  console.log(`[start] up in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  closeOnSignals('start', async () => {
    await server.close()
    await runtime.embeddedPostgres?.stop()
  })
}

main().catch((error: Error) => {
  console.error(`\n[start] could not start: ${error.message}\n`)
  process.exit(1)
})
