import type { EmbeddedPostgresHandle } from '../../src/runtime/embedded-postgres'

/** Shared between global setup and teardown (they run in the same process). */
export const testDatabase: {
  embedded?: EmbeddedPostgresHandle
  maintenanceUrl?: string
  name?: string
  dataDir?: string
} = ((globalThis as Record<string, unknown>).__hpTestDatabase ??= {}) as never
