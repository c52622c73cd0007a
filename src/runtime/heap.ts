// Why: V8 sizes its heap from the machine's memory and collects lazily, so on a 24 GB machine a process holding
// ~100 MB grew to 500–900 MB (ingestion at 10,000 msg/s, a whole-fleet export). A smaller growing factor collects
// sooner without capping the heap: a process that needs more (a database outage's pending cards) still gets it.
import v8 from 'node:v8'

import { settings } from '../settings'

/** After each full collection V8 lets the heap grow to (1 + percent/100) × what survived; 0 leaves V8's own factor. */
export function collectGarbageSooner(percent = settings.heapGrowingPercent): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`)
}
