// The admin build is current when the sources' contents are what it was built from, whatever their times say
// (`npm install` rewrites package-lock.json's modification time without changing it).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { buildIsCurrent, recordBuiltSources, sourceHash } from '../../src/runtime/build'

describe('admin build freshness', () => {
  let root: string

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-build-'))
    fs.mkdirSync(path.join(root, 'src', 'components'), { recursive: true })
    fs.writeFileSync(path.join(root, 'src', 'components', 'Card.tsx'), 'export const Card = 1\n')
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion": 3}\n')
    fs.mkdirSync(path.join(root, '.next'))
  })
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

  const built = () => {
    fs.writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'abc\n')
    recordBuiltSources(root, sourceHash(root))
  }

  it('stays current when a file is only touched, as npm install does to package-lock.json', () => {
    built()
    expect(buildIsCurrent(root)).toBe(true)
    const later = new Date(Date.now() + 60_000)
    fs.utimesSync(path.join(root, 'package-lock.json'), later, later)
    fs.utimesSync(path.join(root, 'src', 'components', 'Card.tsx'), later, later)
    expect(buildIsCurrent(root)).toBe(true)
  })

  it('is stale when a source changes, appears or disappears, and without a build', () => {
    expect(buildIsCurrent(root)).toBe(false)
    built()
    fs.writeFileSync(path.join(root, 'src', 'components', 'Card.tsx'), 'export const Card = 2\n')
    expect(buildIsCurrent(root)).toBe(false)
    built()
    fs.writeFileSync(path.join(root, 'src', 'components', 'New.tsx'), 'export {}\n')
    expect(buildIsCurrent(root)).toBe(false)
    built()
    fs.rmSync(path.join(root, 'src', 'components', 'New.tsx'))
    expect(buildIsCurrent(root)).toBe(false)
  })
})
