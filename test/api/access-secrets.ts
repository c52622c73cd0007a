// The last case of each access test file: no response the file received (receivedBodies is per test file) carried
// a password, a password hash or a salt.
import { receivedBodies } from '../support/payload'

export function expectNoSecrets(minimumBodies: number): void {
  expect(receivedBodies.length).toBeGreaterThan(minimumBodies)
  for (const body of receivedBodies) {
    expect(body).not.toMatch(/\$2[aby]\$\d\d\$/)
    expect(body).not.toMatch(/"(hash|salt|passwordHash)"\s*:\s*"/)
    expect(body).not.toMatch(/"password"\s*:\s*"/)
    expect(body).not.toContain('pump-secret-1')
  }
}
