// One Payload and one fixture world (test/support/fixtures.ts) per test file: call `useWorld()` at the top of the
// file, then read `payload` and `world` inside tests and hooks. They are live ES module bindings, set by the hooks
// `useWorld()` registers, so they are undefined at import time.
import type { Payload } from 'payload'

import { createWorld, type World } from './fixtures'
import { closePayload, startPayload } from './payload'

export let payload: Payload
export let world: World

/** Starts Payload and creates a world before the file's tests; closes Payload after them. */
export function useWorld(): void {
  beforeAll(async () => {
    payload = await startPayload()
    world = await createWorld(payload)
  })
  afterAll(async () => {
    await closePayload(payload)
  })
}

/** A new world, for a test that emptied a collection the world lives in. */
export async function renewWorld(): Promise<void> {
  world = await createWorld(payload)
}
