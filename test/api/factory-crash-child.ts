// The child process of factory-crash.test.ts: imports a file as the given staff member, then waits to be killed
// (the test kills it while the import's transaction is open).
import fs from 'node:fs'

import { createLocalReq, getPayload } from 'payload'

import config from '../../payload.config'
import { importPumps } from '../../src/services/factory/import'

const [file, email, password] = process.argv.slice(2)
const payload = await getPayload({ config })
const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1 })
const req = await createLocalReq({ user: { ...docs[0], collection: 'users' } as never }, payload)
const result = await importPumps(req, { fileName: 'crash.csv', data: fs.readFileSync(file), password })
console.log(`imported ${result.created}`)
process.exit(0)
