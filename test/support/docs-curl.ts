// The curl examples of a document in docs/, run as written in one bash with only the base URL (and, for a walk,
// the demo's values) replaced: each curl command ends in `# → <status>`, and the statuses come back in order.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DOCUMENTED_BASE = 'http://localhost:3000'

/** The ```sh blocks of a document that run curl, in order; `sections` keeps only those under these `## ` headings. */
export function curlBlocks(file: string, sections?: string[]): string[] {
  const text = fs.readFileSync(path.join(rootDir, file), 'utf8')
  const parts = sections
    ? text.split(/^## /m).filter((part) => sections.some((heading) => part.startsWith(heading)))
    : [text]
  if (sections && parts.length !== sections.length) throw new Error(`${file} lacks one of the sections ${sections}`)
  return parts
    .flatMap((part) => [...part.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]))
    .filter((block) => /\bcurl\b/.test(block))
}

/** One status per curl command: the `# → 201` at the end of the command's last line. */
export function expectedStatuses(blocks: string[]): number[] {
  return blocks.flatMap((block) => [...block.matchAll(/# → (\d{3})\s*$/gm)].map((match) => Number(match[1])))
}

export function curlCount(blocks: string[]): number {
  return (blocks.join('\n').match(/(^|\$\(|\s)curl\s/gm) ?? []).length
}

/**
 * Runs the blocks in order in one bash against `baseUrl`, after the replacements; asynchronous, since the server
 * answering may run in this very process. Resolves with each call's status and what the calls printed.
 */
export async function runCurlBlocks(
  blocks: string[],
  baseUrl: string,
  replacements: [string, string][] = [],
): Promise<{ statuses: number[]; stdout: string }> {
  const replace = (block: string) =>
    replacements.reduce((text, [from, to]) => text.replaceAll(from, to), block.replaceAll(DOCUMENTED_BASE, baseUrl))
  const script = [
    'set -eu',
    `API=${baseUrl}/api`,
    // Each call's status goes to stderr; stdout stays what the example pipes on.
    `curl() { command curl -w '%{stderr}STATUS %{http_code}\\n' "$@"; }`,
    ...blocks.map((block) => replace(block).replace(/^API=.*$/gm, '')),
  ].join('\n')
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
    execFile('bash', ['-c', script], { timeout: 60_000 }, (error, out, err) =>
      error
        ? reject(new Error(`the examples failed: ${error.message}\n${out}\n${err}`))
        : resolve({ stdout: out, stderr: err }),
    ),
  )
  return { statuses: [...stderr.matchAll(/^STATUS (\d{3})$/gm)].map((match) => Number(match[1])), stdout }
}
