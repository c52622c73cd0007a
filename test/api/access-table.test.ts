// The access table of the foundation issue, cell by cell (test/api/access-table.ts): every role × collection ×
// operation, once through REST with a real login and once through the Local API with overrideAccess: false.
import { gql, rest } from '../support/payload'
import { useWorld, world } from '../support/world-suite'
import { expectNoSecrets } from './access-secrets'
import { table, viaLocal, viaRest } from './access-table'

useWorld()

describe.each(['REST', 'Local API'])('access table through %s', (path) => {
  it.each(table.map((cell) => [cell.collection, cell.role, cell.operation, cell.expect, cell] as const))(
    '%s · %s · %s → %s',
    async (_collection, _role, _operation, expected, cell) => {
      const outcome = path === 'REST' ? await viaRest(cell) : await viaLocal(cell)
      expect(outcome).toBe(expected)
    },
  )
})

describe('secrets', () => {
  it('no response in this file carried a password, a password hash or a salt', async () => {
    // Ask for them explicitly too.
    for (const role of ['admin', 'service'] as const) {
      await rest('GET', `/pumps/${world.pumps.ofA.id}?depth=2`, { token: world.tokens[role] })
      await rest('GET', '/users?limit=0', { token: world.tokens[role] })
      await rest('GET', '/buyers?limit=0', { token: world.tokens[role] })
    }
    const asked = await gql(`{ Pump(id: ${world.pumps.ofA.id}) { serial passwordHash } }`, {
      token: world.tokens.admin,
    })
    // Hidden fields exist in the GraphQL schema but always resolve to null.
    expect(asked.body.data?.Pump?.passwordHash ?? null).toBeNull()
    expectNoSecrets(200)
  })
})
