import net from 'node:net'

export function isPortFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

/** A clear sentence instead of EADDRINUSE deep inside a child process. */
export async function assertPortFree(
  port: number,
  variable: string,
  what: string,
  alternative?: string,
): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new Error(
      `Port ${port} for ${what} is already taken by another program. ` +
        `Free it, or choose another port with ${variable}=<port>${alternative ? `, ${alternative}` : ''}.`,
    )
  }
}

/** Any free loopback port (tests, the benchmark): nothing fixed for a running app or another run to stand on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
