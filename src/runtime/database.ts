import type { Payload } from 'payload'

import { seedDemo } from '../seed/demo'
import { ensureReferenceData } from '../seed/reference'
import { settings } from '../settings'
import { applyMigrations } from './migrate'

/**
 * Run by Payload's onInit in the processes that serve the product (server, worker), before any plugin starts:
 * the committed migrations, the reference lists, and the demo data when asked for.
 */
export async function prepareDatabase(payload: Payload): Promise<void> {
  if (!settings.role) return
  await applyMigrations(payload)
  await ensureReferenceData(payload)
  if (settings.seedDemo) await seedDemo(payload, { onlyIfEmpty: true })
}
