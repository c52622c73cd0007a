// `npm run seed [-- --demo]`: reference lists (always) and the demo data (with --demo or SEED_DEMO=1).
import { applyMigrations } from '../services/migrations'
import { prepareRuntime } from '../runtime/prepare'
import { settings } from '../settings'
import { closePayload } from '../services/close'

async function main(): Promise<void> {
  const runtime = await prepareRuntime({ reuseRunning: true })
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../payload.config')
  const { ensureReferenceData } = await import('./reference')
  const { seedDemo } = await import('./demo')
  const payload = await getPayload({ config })
  try {
    await applyMigrations(payload)
    const added = await ensureReferenceData(payload)
    console.log(`[seed] reference data: ${added} records added`)
    if (settings.seedDemo || process.argv.includes('--demo')) {
      const seeded = await seedDemo(payload, { onlyIfEmpty: true })
      // When skipped, seedDemo has said why and how to start over.
      if (seeded) console.log('[seed] demo data added')
    }
  } finally {
    await closePayload(payload)
    await runtime.embeddedPostgres?.stop()
  }
}

main().catch((error: Error) => {
  console.error(`[seed] failed: ${error.message}`)
  process.exit(1)
})
