// The real server (src/start.ts, as `npm start` runs it) as a child process of its own process group, for the
// browser test: started on a port, polled until healthy, stopped with everything it started.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { npmScript, rootDir } from '../support/npm-script'

export { rootDir }

/**
 * The server runs in a process group of its own (so that it can be stopped with everything it started), which
 * also keeps a Ctrl-C on jest from reaching it, and jest's sandboxed `process` gets no signals to pass on. So a
 * small watchdog holds a pipe from this process: when jest ends in any way, the pipe closes and the watchdog
 * kills the server's group. It is stopped (and the pipe forgotten) when the server is stopped normally.
 */
function startWatchdog(serverPid: number | undefined): ChildProcess | undefined {
  if (serverPid === undefined) return undefined
  const script =
    "process.stdin.on('data', () => {}).on('end', () => {" +
    `  try { process.kill(-${serverPid}, 'SIGKILL') } catch {}` +
    '  process.exit(0)' +
    '})'
  const watchdog = spawn(process.execPath, ['-e', script], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  watchdog.unref()
  ;(watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.()
  return watchdog
}

/** The real server as a child process of its own process group (`npm start`'s node, and `next build` if it runs). */
export class ServerProcess {
  readonly logFile: string
  private readonly child: ChildProcess
  private log = ''
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  private readonly exited: Promise<void>
  private readonly watchdog: ChildProcess | undefined

  /** `env` adds to (or, undefined, removes from) what the server inherits; `name` names its log file. */
  constructor(
    readonly port: number,
    options: { env?: Record<string, string | undefined>; name?: string } = {},
  ) {
    this.logFile = path.join(os.tmpdir(), `hp-${options.name ?? 'browser-server'}.log`)
    const logStream = fs.createWriteStream(this.logFile)
    // As `npm start` runs it: not jest's NODE_ENV=test, not jest's --experimental-vm-modules.
    const { NODE_ENV: _nodeEnv, NODE_OPTIONS: _nodeOptions, ...inherited } = process.env
    const env: Record<string, string | undefined> = {
      ...inherited,
      PORT: String(port),
      DATABASE_URL: process.env.DATABASE_URL,
      PAYLOAD_SECRET: process.env.PAYLOAD_SECRET,
      DATA_DIR: process.env.DATA_DIR,
      MQTT_INGEST: 'off',
      NEXT_TELEMETRY_DISABLED: '1',
      ...options.env,
    }
    const [command, args] = npmScript('start')
    this.child = spawn(command, args, {
      cwd: rootDir,
      env: env as NodeJS.ProcessEnv, // Next's types insist on NODE_ENV, which is left out on purpose
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.watchdog = startWatchdog(this.child.pid)
    const collect = (chunk: Buffer) => {
      this.log += chunk.toString()
      logStream.write(chunk)
    }
    this.child.stdout!.on('data', collect)
    this.child.stderr!.on('data', collect)
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal }
        logStream.end()
        resolve()
      })
      this.child.once('error', (error) => {
        this.log += `\n[spawn error] ${error.message}\n`
        this.exit = { code: -1, signal: null }
        logStream.end()
        resolve()
      })
    })
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get output(): string {
    return this.log
  }

  tail(lines = 40): string {
    return this.log.trimEnd().split('\n').slice(-lines).join('\n')
  }

  /** Polls GET /healthz until it answers 200; fails early when the server exits. */
  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const started = Date.now()
    let lastProblem = 'no answer yet'
    while (Date.now() - started < timeoutMs) {
      if (this.exit) {
        throw new Error(
          `the server exited (code ${this.exit.code}, signal ${this.exit.signal}) before /healthz answered; ` +
            `its log (${this.logFile}) ends with:\n${this.tail()}`,
        )
      }
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(5000) })
        if (response.status === 200) return
        lastProblem = `/healthz answered ${response.status}: ${await response.text()}`
      } catch (error) {
        lastProblem = (error as Error).message
      }
      // Poll interval, or earlier if the process exits.
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 500)), this.exited])
    }
    throw new Error(
      `the server did not answer /healthz with 200 within ${timeoutMs / 1000} s (${lastProblem}); ` +
        `its log (${this.logFile}) ends with:\n${this.tail()}`,
    )
  }

  /** SIGTERM to the whole process group, SIGKILL after 20 s. */
  async stop(): Promise<void> {
    try {
      await this.stopGroup()
    } finally {
      this.watchdog?.kill('SIGKILL')
    }
  }

  private async stopGroup(): Promise<void> {
    if (this.exit || this.child.pid === undefined) return
    const group = -this.child.pid
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(group, name)
      } catch {
        // the group is already gone
      }
    }
    signal('SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const gaveUp = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 20_000))),
    ])
    clearTimeout(timer)
    if (gaveUp) {
      signal('SIGKILL')
      await this.exited
    }
    // start.ts exits first; make sure nothing else of its group (a `next build`, say) outlives it.
    signal('SIGKILL')
  }
}
