// The server log: colours only on a terminal (files and pipes get plain text), and a failed query's error without
// the whole SQL text and its parameters (they can hold personal data and bury the reason).
import { build } from 'pino-pretty'

type LoggedError = Error & { code?: string; cause?: unknown }

const SQL_LOGGED_UP_TO = 120

/** The error as logged: Drizzle's "Failed query: <sql> params: …" shortened to the start of the SQL and the reason. */
export function shortError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const err = error as LoggedError
  const cause = err.cause instanceof Error ? (err.cause as LoggedError) : undefined
  let message = err.message
  if (message.startsWith('Failed query:')) {
    const sql = message.slice('Failed query:'.length).split('\nparams:')[0].trim().replace(/\s+/g, ' ')
    const start = sql.length > SQL_LOGGED_UP_TO ? `${sql.slice(0, SQL_LOGGED_UP_TO)}…` : sql
    message = `a database query failed${cause ? `: ${cause.message}` : ''} (query: ${start})`
  }
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 10)
  return {
    type: err.name,
    message,
    ...(err.code || cause?.code ? { code: err.code ?? cause?.code } : {}),
    stack: [`${err.name}: ${message}`, ...frames].join('\n'),
  }
}

export function serverLogger() {
  return {
    options: { serializers: { err: shortError } },
    destination: build({
      colorize: Boolean(process.stdout.isTTY),
      ignore: 'pid,hostname',
      translateTime: 'SYS:HH:MM:ss',
    }),
  }
}
