// Shared by the lifecycle test files: pumps at a given status, their card and history, the "Next status" call,
// the field paths of a 400, and the closing check that no response carried a secret.
import { PUMP_STATUSES, type PumpStatus } from '../../src/domain/lifecycle'
import { importStatus } from '../../src/services/lifecycle'
import { unique } from '../support/fixtures'
import { receivedBodies, rest } from '../support/payload'
import { payload, world } from '../support/world-suite'

/** A pump of partner A walked by an import along the statuses up to the given one: one event per step. */
export async function pumpAt(status: PumpStatus, extra: Record<string, unknown> = {}) {
  const pump = await payload.create({
    collection: 'pumps',
    data: { serial: unique('LC'), model: world.model.id, responsiblePartner: world.partnerA.id, ...extra } as never,
  })
  for (const step of PUMP_STATUSES.slice(1, PUMP_STATUSES.indexOf(status) + 1))
    await importStatus(payload, pump.id, step)
  return pump.id
}

export async function cardOf(id: number) {
  return payload.findByID({ collection: 'pumps', id, depth: 0, showHiddenFields: true })
}

export async function eventsOf(id: number) {
  return (
    await payload.find({ collection: 'pumpEvents', where: { pump: { equals: id } }, sort: '-at', depth: 0, limit: 0 })
  ).docs
}

type As = { token?: string; language?: 'en' | 'ru' }
/** The "Next status" call with the caller's right password; a service engineer unless `as` says otherwise. */
export const advance = (id: number, body: Record<string, unknown>, as: As = { token: world.tokens.service }) =>
  rest('POST', `/pumps/${id}/advance`, {
    token: as.token,
    body: { password: world.password, ...body },
    language: as.language,
  })

/** The field paths a 400 names. */
export function paths(body: { errors?: { data?: { errors?: { path: string }[] } }[] }): string[] {
  return (body.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path)
}

/** The last case of each lifecycle file: what the file received (receivedBodies is per test file). */
export function expectNoSecrets(minimumBodies: number): void {
  expect(receivedBodies.length).toBeGreaterThan(minimumBodies)
  for (const body of receivedBodies) {
    expect(body).not.toMatch(/\$2[aby]\$\d\d\$/)
    expect(body).not.toMatch(/"(hash|salt|passwordHash)"\s*:\s*"/)
    expect(body).not.toContain(world.password)
  }
}
