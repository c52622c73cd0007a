// The product's commands (`npm run seed`, `npm run worker`) as child processes, run as npm runs them (package.json's
// script), without jest's NODE_ENV and NODE_OPTIONS, with the environment a test gives; their output kept.
import { spawn, type ChildProcess } from 'node:child_process'

import { npmScript, rootDir } from '../support/npm-script'

export { rootDir }

export type Command = {
  child: ChildProcess
  /** stdout and stderr together, in the order they came. */
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * `npm run <script> -- <args>`, as npm runs it. `env` replaces variables (undefined removes one). `ownGroup`: the
 * command is the leader of a process group of its own, as a terminal's foreground job is (Ctrl-C reaches all of it).
 */
export function runCommand(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: { ownGroup?: boolean } = {},
): Command {
  const { NODE_ENV: _nodeEnv, NODE_OPTIONS: _nodeOptions, ...inherited } = process.env
  const merged: Record<string, string | undefined> = { ...inherited, ...env }
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name]
  const [command, commandArgs] = npmScript(script, args)
  const child = spawn(command, commandArgs, {
    cwd: rootDir,
    env: merged as NodeJS.ProcessEnv,
    detached: options.ownGroup ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
    child.once('error', (error) => {
      log += `\n[spawn error] ${error.message}\n`
      resolve({ code: -1, signal: null })
    })
  })
  return { child, output: () => log, exited }
}

/** Resolves when the output holds `text`; fails with the output when the command exits first or time runs out. */
export async function waitForOutput(command: Command, text: string, timeoutMs: number): Promise<void> {
  const started = Date.now()
  while (!command.output().includes(text)) {
    if (command.child.exitCode !== null || command.child.signalCode !== null) {
      throw new Error(`the command exited (${command.child.exitCode}) before saying "${text}":\n${command.output()}`)
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`"${text}" not said within ${timeoutMs / 1000} s:\n${command.output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Ends a command still running, with everything of its group; for the afterAll of a failed test. */
export function killCommand(command: Command | undefined): void {
  if (!command?.child.pid || command.child.exitCode !== null || command.child.signalCode !== null) return
  try {
    process.kill(-command.child.pid, 'SIGKILL') // its group, when it leads one
  } catch {
    command.child.kill('SIGKILL')
  }
}
