// A child process for test/unit/heap.test.ts: applies the product's heap setting (HEAP_GROWING_PERCENT, as
// `npm start` does), then allocates batches that live through a few rounds, as the ingestion's pending readings do
// (so they reach the old space), and prints the largest heap V8 kept.
import v8 from 'node:v8'

import { collectGarbageSooner } from '../../src/runtime/heap'

collectGarbageSooner()
const kept: unknown[] = []
for (let i = 0; i < 200_000; i++) kept.push({ id: i, serial: `HP-${i}` })
const recent: unknown[][] = []
let peak = 0
for (let round = 0; round < 150; round++) {
  const batch: unknown[] = []
  for (let i = 0; i < 20_000; i++) batch.push({ text: `reading ${round}:${i}`, values: [i, i + 1, i + 2, i + 3] })
  recent.push(batch)
  if (recent.length > 4) recent.shift()
  peak = Math.max(peak, v8.getHeapStatistics().total_heap_size)
}
console.log(JSON.stringify({ peakMb: Math.round(peak / 2 ** 20), kept: kept.length }))
