// Nothing half-done on a crash: a process importing a large file is killed (SIGKILL) while its transaction is open,
// and the database holds none of the file's pumps, events or handouts; the same file imported again lands whole.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'

import { npmScript, rootDir } from '../support/npm-script'
import { sideConnection } from '../mqtt/modems'
import { useWorld, payload, world } from '../support/world-suite'
import { csv, iccid } from './factory-support'

useWorld()

const ROWS = 20_000

function runChild(file: string) {
  const [node, args] = npmScript('start', [])
  const child = spawn(
    node,
    [args[0], args[1], 'test/api/factory-crash-child.ts', file, world.users.service.email, world.password],
    {
      cwd: rootDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? -1 : code)),
  )
  return { child, exited, output: () => output }
}

async function countOf(prefix: string) {
  const db = (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: { n: number }[] }> } })
    .drizzle
  const pumps = await db.execute(sql`select count(*)::int as n from pumps where serial like ${`${prefix}%`}`)
  const events = await db.execute(sql`select count(*)::int as n from pump_events e join pumps p on p.id = e.pump_id
    where p.serial like ${`${prefix}%`}`)
  return { pumps: pumps.rows[0].n, events: events.rows[0].n }
}

it('a process killed in the middle of an import leaves none of it; the same file then lands whole', async () => {
  const prefix = `CRASH-${process.pid}-`
  const rows = Array.from({ length: ROWS }, (_, i) => [
    `${prefix}${i}`,
    world.model.code,
    iccid(50_000 + i),
    '2026-11-28',
  ])
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'h-factory-crash-')), 'crash.csv')
  fs.writeFileSync(file, csv([['serial', 'model', 'iccid', 'production date'], ...rows]))
  const side = await sideConnection()
  const handoutsBefore = (await side.query('select count(*)::int as n from factory_handouts')).rows[0].n
  const { child, exited, output } = runChild(file)
  try {
    // Wait until the child's transaction is writing the pumps (or their events), then kill it there.
    for (;;) {
      const { rows: active } = await side.query(
        `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
           and (query ilike 'insert into pumps%' or query ilike 'insert into pump_events%') and state <> 'idle'`,
      )
      if (active.length) break
      const done = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(undefined), 5))])
      if (done !== undefined) throw new Error(`the child ended before it was killed: ${output()}`)
    }
    child.kill('SIGKILL')
    expect(await exited).toBe(-1)
    // PostgreSQL rolls back what the dead connection had open; nothing of it is visible, now or later.
    for (;;) {
      const { rows: open } = await side.query(
        `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
           and (state like 'idle in transaction%'
             or (state = 'active' and (query ilike 'insert into pumps%' or query ilike 'insert into pump_events%')))`,
      )
      if (open.length === 0) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(await countOf(prefix)).toEqual({ pumps: 0, events: 0 })
    expect((await side.query('select count(*)::int as n from factory_handouts')).rows[0].n).toBe(handoutsBefore)
  } finally {
    child.kill('SIGKILL')
    await side.end()
  }
  const again = runChild(file)
  expect(await again.exited).toBe(0)
  expect(again.output()).toContain(`imported ${ROWS}`)
  expect(await countOf(prefix)).toEqual({ pumps: ROWS, events: ROWS })
}, 300_000)
