// A start-up step that does not finish in time ends in a message naming the step and what to try, not in silence.

/** What `withinTime` rejects with: the message names the step, the limit and the hint. */
export class TimeLimitExceeded extends Error {
  constructor(
    readonly step: string,
    readonly seconds: number,
    hint: string,
  ) {
    super(`${step} took longer than ${seconds} s: ${hint}`)
    this.name = 'TimeLimitExceeded'
  }
}

/**
 * Resolves with `work`, or rejects after `seconds` with "<step> took longer than N s: <hint>". The work itself
 * is not cancelled (the caller's process ends on the message); its later outcome is ignored.
 */
export async function withinTime<T>(step: string, seconds: number, hint: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitExceeded(step, seconds, hint)), seconds * 1000)
    timer.unref()
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
