import type { Payload } from 'payload'

import { migrations } from '../../migrations'
import { settings } from '../settings'

/**
 * The schema comes from the committed migrations (migrations/), applied on every start; only `npm run dev`
 * lets Drizzle push schema changes instead (into its own database, see prepare.ts).
 */
export async function applyMigrations(payload: Payload): Promise<void> {
  if (settings.schemaPush) return
  // The generated list is typed by the adapter's own argument types; Payload's signature is looser.
  await payload.db.migrate({
    migrations: migrations as unknown as Parameters<Payload['db']['migrate']>[0] extends infer A
      ? A extends { migrations?: infer M }
        ? M
        : never
      : never,
  })
}
