// The one place that reads the environment. Every variable and its default is documented in README.md
// ("Configuration"); the rest of the code imports `settings` and never touches process.env itself.
import path from 'node:path'

import { SEVERITIES, type Severity } from './domain/alarms'

const env = process.env

/** A positive integer (or, with `least` 0, zero too): anything else stops the start with the variable's name. */
function integer(name: string, fallback: number, least = 1): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < least) {
    throw new Error(`${name} must be a ${least > 0 ? 'positive' : 'non-negative'} integer, got "${raw}"`)
  }
  return value
}

function flag(name: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes((env[name] ?? '').toLowerCase())
}

function oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(choices as readonly string[]).includes(raw))
    throw new Error(`${name} must be one of ${choices.join(', ')}, got "${raw}"`)
  return raw as T
}

/** Browser origins allowed to send cookie-authenticated writes: SERVER_URL's, or the local addresses of PORT, plus ALLOWED_ORIGINS. */
function allowedOrigins(serverUrl: string, port: number): string[] {
  const origins = serverUrl ? [new URL(serverUrl).origin] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`]
  for (const extra of (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)) {
    origins.push(new URL(extra).origin)
  }
  return [...new Set(origins)]
}

const port = integer('PORT', 3000)
const serverUrl = (env.SERVER_URL || '').replace(/\/+$/, '')

const dataDir = path.resolve(/* turbopackIgnore: true */ env.DATA_DIR || '.data')

export const settings = {
  /** NODE_ENV=production was asked for: secrets must be given, migrations run on start. */
  production: env.NODE_ENV === 'production',
  /** `npm run dev`: Next in development mode and Drizzle schema push instead of migrations. */
  schemaPush: env.NODE_ENV === 'development',
  port,
  serverUrl,
  allowedOrigins: allowedOrigins(serverUrl, port),
  /** The largest page any read may ask for (REST `limit`, GraphQL `limit`, a join's `limit`). */
  maxPageSize: integer('MAX_PAGE_SIZE', 200),
  /** GET /metrics answers only with this bearer token; unset: metrics are off (docs/metrics.md). */
  metricsToken: env.METRICS_TOKEN || undefined,
  /** How deep relationships may be populated (`depth`). */
  maxDepth: integer('MAX_DEPTH', 3),
  /** Largest JSON or form body; uploads of manuals get MAX_UPLOAD_BYTES. */
  maxBodyBytes: integer('MAX_BODY_BYTES', 1024 * 1024),
  maxUploadBytes: integer('MAX_UPLOAD_BYTES', 20 * 1024 * 1024),
  /** Largest file of produced pumps (docs/factory.md): 20,000 rows of CSV are about 1.5 MB. */
  maxImportBytes: integer('MAX_IMPORT_BYTES', 5 * 1024 * 1024),
  dataDir,
  mediaDir: path.resolve(/* turbopackIgnore: true */ env.MEDIA_DIR || path.join(dataDir, 'media')),
  /** Unset: an embedded PostgreSQL is started (src/runtime/embedded-postgres.ts). */
  databaseUrl: env.DATABASE_URL || undefined,
  embeddedPostgresPort: integer('EMBEDDED_POSTGRES_PORT', 54329),
  payloadSecret: env.PAYLOAD_SECRET || undefined,
  /** Unset: an embedded broker (aedes) is started on 127.0.0.1:EMBEDDED_MQTT_PORT. */
  mqttUrl: env.MQTT_URL || undefined,
  embeddedMqttPort: integer('EMBEDDED_MQTT_PORT', 1884),
  mqttIngest: env.MQTT_INGEST !== 'off',
  /** The ingestion's own login at an external broker (the embedded one derives it from PAYLOAD_SECRET). */
  mqttUsername: env.MQTT_USERNAME || undefined,
  mqttPassword: env.MQTT_PASSWORD || undefined,
  /** When set, `/api/mqtt/auth` and `/acl` answer only a caller sending it (header `X-MQTT-Auth-Secret`). */
  mqttAuthSecret: env.MQTT_AUTH_SECRET || undefined,
  /** Instances share the stream through `$share/<group>/hp/#` on an MQTT 5 broker; empty: plain subscription. */
  mqttShareGroup: env.MQTT_SHARE_GROUP ?? 'hp-ingest',
  /** V8 grows the heap to (1 + this/100) × what survived its last full collection (0: V8's own, up to 4×). */
  heapGrowingPercent: integer('HEAP_GROWING_PERCENT', 25, 0),
  /** A pump with nothing heard for this long is marked offline. */
  offlineAfterSeconds: integer('OFFLINE_AFTER_SECONDS', 600),
  /** Raw telemetry is kept this many days (its day partitions are then dropped); rollups are kept. */
  telemetryRawDays: integer('TELEMETRY_RAW_DAYS', 30),
  /** How often the telemetry job (rollups, partitions, retention) runs, in seconds. */
  telemetryJobSeconds: integer('TELEMETRY_JOB_SECONDS', 60),
  /**
   * Set by the process that runs the product (`server` by src/start.ts, `worker` by src/worker.ts): only they
   * prepare the database on init and start the modem ingestion. CLI commands, `next build` and tests leave it unset.
   */
  role: undefined as 'server' | 'worker' | undefined,
  seedDemo: flag('SEED_DEMO'),
  /**
   * Behind a reverse proxy that appends the client's address to X-Forwarded-For: take the last entry from there.
   * Off: the express host replaces the header with the socket's address (a client cannot choose its own).
   */
  trustProxy: flag('TRUST_PROXY'),
  /** Wrong pump passwords (or unproven phones) per guesser (account, phone, client address) before 429. */
  registrationGuesserFailures: integer('REGISTRATION_GUESSER_FAILURES', 5),
  /** Wrong attempts per serial from everyone together before 429: high, so a stranger cannot easily lock a label. */
  registrationSerialFailures: integer('REGISTRATION_SERIAL_FAILURES', 30),
  registrationWindowSeconds: integer('REGISTRATION_WINDOW_SECONDS', 900),
  /** SMS codes one client address may ask for per hour (any numbers), and all of them together per hour. */
  smsCodesPerRequesterPerHour: integer('SMS_CODES_PER_REQUESTER_PER_HOUR', 5),
  smsCodesPerHour: integer('SMS_CODES_PER_HOUR', 300),
  /** How one-time codes reach owners' phones: written to the log (development) or POSTed to an SMS gateway. */
  smsSender: oneOf('SMS_SENDER', ['log', 'webhook'] as const, 'log'),
  smsWebhookUrl: env.SMS_WEBHOOK_URL || undefined,
  smsWebhookToken: env.SMS_WEBHOOK_TOKEN || undefined,
  /** A code raised again within this long of being cleared reopens its alarm record (docs/alarms.md). */
  alarmReopenSeconds: integer('ALARM_REOPEN_SECONDS', 600),
  /** One e-mail/push per pump, code and recipient within this many minutes, however often it is raised anew. */
  alarmNotifyWindowMinutes: integer('ALARM_NOTIFY_WINDOW_MINUTES', 60),
  /** Outgoing mail (alarm e-mails, password resets): SMTP_HOST unset writes each e-mail to the server log. */
  smtpHost: env.SMTP_HOST || undefined,
  smtpPort: integer('SMTP_PORT', 587),
  smtpUser: env.SMTP_USER || undefined,
  smtpPassword: env.SMTP_PASSWORD || undefined,
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  smtpSecure: flag('SMTP_SECURE'),
  mailFrom: env.MAIL_FROM || 'registry@localhost',
  /** The service team's address for new critical and major alarms (unset: partners only), and its language. */
  alarmEmailTo: env.ALARM_EMAIL_TO || undefined,
  alarmEmailLanguage: oneOf('ALARM_EMAIL_LANGUAGE', ['ru', 'en'] as const, 'ru'),
  /** A critical alarm nobody acknowledged this long e-mails the service lead (ALARM_ESCALATE_TO) once. */
  alarmEscalateMinutes: integer('ALARM_ESCALATE_MINUTES', 60),
  /** Severities the team (ALARM_EMAIL_TO) gets as one e-mail an hour instead (e.g. `minor,warning`; unset: none). */
  alarmDigestSeverities: (env.ALARM_DIGEST_SEVERITIES ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value): value is Severity => (SEVERITIES as readonly string[]).includes(value)),
  alarmEscalateTo: env.ALARM_ESCALATE_TO || undefined,
  /** How push messages reach the owners' app: the log, or POSTed to the app backend's push gateway. */
  pushSender: oneOf('PUSH_SENDER', ['log', 'webhook'] as const, 'log'),
  pushWebhookUrl: env.PUSH_WEBHOOK_URL || undefined,
  pushWebhookToken: env.PUSH_WEBHOOK_TOKEN || undefined,
  /** Sending attempts of one notification before it is marked failed (back-off doubles from 30 s). */
  notificationAttempts: integer('NOTIFICATION_ATTEMPTS', 5),
}

export type Settings = typeof settings

/**
 * The runtime (src/runtime/prepare.ts) resolves what was left unset — an embedded database, a generated
 * development secret — and hands it on through the environment, because Next.js evaluates payload.config.ts
 * in its own module graph and reads it from there.
 */
export function exportToEnvironment(values: { databaseUrl?: string; payloadSecret?: string }): void {
  if (values.databaseUrl) {
    env.DATABASE_URL = values.databaseUrl
    settings.databaseUrl = values.databaseUrl
  }
  if (values.payloadSecret) {
    env.PAYLOAD_SECRET = values.payloadSecret
    settings.payloadSecret = values.payloadSecret
  }
}

/** Next.js serves its production build only with NODE_ENV=production; our own `production` flag keeps what the user asked. */
export function setNodeEnvironment(mode: 'production' | 'development' | 'test'): void {
  ;(env as Record<string, string>).NODE_ENV = mode
}

/** The environment for a child process: `overrides` always, `defaults` only where nothing is set. */
export function environmentWith(
  overrides: Record<string, string>,
  defaults: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env, ...overrides }
  for (const [name, value] of Object.entries(defaults)) if (!result[name]) result[name] = value
  return result
}
