// A start-up step that does not finish in time ends in a message naming the step and what to try, not in silence.

/** Resolves with `work`, or rejects after `seconds` with "<step> took longer than N s: <hint>". */
export async function withinTime<T>(step: string, seconds: number, hint: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step} took longer than ${seconds} s: ${hint}`)), seconds * 1000)
    timer.unref()
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
