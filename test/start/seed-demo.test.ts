// Issue 10, item 7: the demo asked for on a database that already has pumps is not added, and the log says so and
// why, with how to start over: `npm run seed -- --demo` as a child process, and the start's own path (SEED_DEMO=1).
import { jest } from '@jest/globals'
import type { Payload } from 'payload'

import { prepareDatabase } from '../../src/services/database-setup'
import { settings } from '../../src/settings'
import { unique } from '../support/fixtures'
import { closePayload, startPayload } from '../support/payload'
import { runCommand } from './processes'

let payload: Payload

beforeAll(async () => {
  payload = await startPayload()
  await payload.create({ collection: 'pumps', data: { serial: unique('DEMO').toUpperCase() } })
}, 180_000)

afterAll(async () => {
  await closePayload(payload)
})

const demoAccounts = async () =>
  (await payload.count({ collection: 'users', where: { email: { like: '@demo.local' } } })).totalDocs

it('`npm run seed -- --demo` on a database with pumps says the demo was NOT added, why, and how to start over', async () => {
  const seed = runCommand('seed', ['--demo'], { DATABASE_URL: process.env.DATABASE_URL })
  const { code } = await seed.exited
  const output = seed.output()
  expect({ code, output }).toMatchObject({ code: 0 })
  expect(output).toMatch(
    /\[seed\] demo data NOT added: the database already has \d+ pump\(s\), and the demo is only added to an empty one/,
  )
  expect(output).toContain(
    'To start over with the demo: stop the server, drop and recreate the database of DATABASE_URL (this deletes everything in it), then start again with SEED_DEMO=1.',
  )
  expect(output).not.toContain('[seed] demo data added')
  expect(output).not.toMatch(/\n\s+at /) // no stack trace
  expect(await demoAccounts()).toBe(0)
}, 120_000)

it('a start with SEED_DEMO=1 (the database set-up of onInit) says the same in the server log', async () => {
  const warn = jest.spyOn(payload.logger, 'warn') // calls through: the log line is still written
  const saved = { role: settings.role, seedDemo: settings.seedDemo }
  Object.assign(settings, { role: 'server', seedDemo: true })
  let lines: string[]
  try {
    await prepareDatabase(payload)
  } finally {
    Object.assign(settings, saved)
    lines = warn.mock.calls.map((call) => String(call[0]))
    warn.mockRestore()
  }
  expect(lines).toEqual([
    expect.stringMatching(/^\[seed\] demo data NOT added: the database already has \d+ pump\(s\)/),
  ])
  expect(await demoAccounts()).toBe(0)
})
