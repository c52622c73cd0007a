// HEAP_GROWING_PERCENT (src/runtime/heap.ts) makes V8 collect sooner in the product's processes: the same workload
// of short-lived batches keeps a clearly smaller heap than with V8's own growing factor, and the setting is checked.
import { execFileSync } from 'node:child_process'

import { rootDir } from '../support/npm-script'

function peakHeapMb(percent: string): number {
  const output = execFileSync(
    process.execPath,
    ['--conditions=production', 'scripts/run.js', 'test/support/heap-workload.ts'],
    { cwd: rootDir, env: { ...process.env, NODE_OPTIONS: '', HEAP_GROWING_PERCENT: percent } },
  )
  return (JSON.parse(output.toString().trim().split('\n').pop()!) as { peakMb: number }).peakMb
}

it('collects sooner with the default setting than with V8 left to size its own heap', () => {
  const own = peakHeapMb('0')
  const product = peakHeapMb('')
  expect(product).toBeLessThan(own * 0.8)
}, 120_000)

it('refuses a setting that is not a non-negative integer, naming it', () => {
  expect(() =>
    execFileSync(process.execPath, ['--conditions=production', 'scripts/run.js', 'test/support/heap-workload.ts'], {
      cwd: rootDir,
      env: { ...process.env, NODE_OPTIONS: '', HEAP_GROWING_PERCENT: '-5' },
      stdio: 'pipe',
    }),
  ).toThrow(/HEAP_GROWING_PERCENT must be a non-negative integer, got "-5"/)
})
