// HEAP_GROWING_PERCENT (src/runtime/heap.ts) makes V8 collect sooner in the product's processes: the same workload
// of short-lived batches keeps a clearly smaller heap than with V8's own growing factor, and the setting is checked.
import { execFileSync } from 'node:child_process'

import { rootDir } from '../support/npm-script'

/** test/support/heap-workload.ts in a child process as the product's commands run, with HEAP_GROWING_PERCENT. */
function runWorkload(percent: string): string {
  return execFileSync(
    process.execPath,
    ['--conditions=production', 'scripts/run.js', 'test/support/heap-workload.ts'],
    {
      cwd: rootDir,
      env: { ...process.env, NODE_OPTIONS: '', HEAP_GROWING_PERCENT: percent },
      stdio: 'pipe',
    },
  ).toString()
}

const peakHeapMb = (percent: string) =>
  (JSON.parse(runWorkload(percent).trim().split('\n').pop()!) as { peakMb: number }).peakMb

it('collects sooner with the default setting than with V8 left to size its own heap', () => {
  const own = peakHeapMb('0')
  const product = peakHeapMb('')
  expect(product).toBeLessThan(own * 0.8)
}, 120_000)

it('refuses a setting that is not a non-negative integer, naming it', () => {
  expect(() => runWorkload('-5')).toThrow(/HEAP_GROWING_PERCENT must be a non-negative integer, got "-5"/)
})
