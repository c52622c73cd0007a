// withinTime, the time limit of every start-up step: the step's own outcome in time, else a message naming it.
import { jest } from '@jest/globals'

import { TimeLimitExceeded, withinTime } from '../../src/services/time-limit'

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))

describe('withinTime', () => {
  let timers: { ms?: number; timer: NodeJS.Timeout }[]
  let cleared: unknown[]

  beforeEach(() => {
    timers = []
    cleared = []
    const realSet = globalThis.setTimeout
    const realClear = globalThis.clearTimeout
    jest.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSet(callback, ms)
      timers.push({ ms, timer })
      return timer
    }) as typeof setTimeout)
    jest.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer: NodeJS.Timeout) => {
      cleared.push(timer)
      realClear(timer)
    }) as typeof clearTimeout)
  })
  afterEach(() => jest.restoreAllMocks())

  /** The limit's own timer, told from the test's `later` timers by its delay. */
  const limitTimer = (ms: number) => timers.find((entry) => entry.ms === ms)?.timer

  it('resolves with the work when it finishes in time, and clears its timer', async () => {
    await expect(withinTime('[x] step', 5, 'try again', later(20, 'done'))).resolves.toBe('done')
    const timer = limitTimer(5000)
    expect(timer).toBeDefined()
    expect(cleared).toContain(timer)
    // Even before it is cleared, the limit never keeps the process alive.
    expect(timer!.hasRef()).toBe(false)
  })

  it('rejects after the limit with the step, the limit and the hint', async () => {
    const started = Date.now()
    const outcome = withinTime('[postgres] CREATE DATABASE x', 0.2, 'delete the data folder', new Promise(() => {}))
    await expect(outcome).rejects.toThrow(
      new TimeLimitExceeded('[postgres] CREATE DATABASE x', 0.2, 'delete the data folder'),
    )
    await expect(outcome).rejects.toThrow('[postgres] CREATE DATABASE x took longer than 0.2 s: delete the data folder')
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(cleared).toContain(limitTimer(200))
  })

  it("passes the work's own failure on, not a time-out, and clears its timer", async () => {
    const failing = later(10, null).then(() => {
      throw new Error('connection refused')
    })
    const error = await withinTime('[x] step', 5, 'try again', failing).catch((caught: Error) => caught)
    expect(error).toEqual(new Error('connection refused'))
    expect(error).not.toBeInstanceOf(TimeLimitExceeded)
    expect(cleared).toContain(limitTimer(5000))
  })
})
