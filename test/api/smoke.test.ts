import type { Payload } from 'payload'
import { closePayload, rest, startPayload } from '../support/payload'

let payload: Payload
beforeAll(async () => {
  payload = await startPayload()
})
afterAll(async () => {
  await closePayload(payload)
})

it('serves REST', async () => {
  const response = await rest('GET', '/countries?limit=2')
  expect(response.status).toBe(200)
  expect(response.body.totalDocs).toBeGreaterThan(30)
})
