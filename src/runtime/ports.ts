import net from 'node:net'

/** A clear sentence instead of EADDRINUSE deep inside a child process. */
export async function assertPortFree(port: number, variable: string, what: string, alternative?: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
  if (!free) {
    throw new Error(
      `Port ${port} for ${what} is already taken by another program. ` +
        `Free it, or choose another port with ${variable}=<port>${alternative ? `, ${alternative}` : ''}.`,
    )
  }
}
