import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { ru } from '@payloadcms/translations/languages/ru'
import path from 'node:path'
import { buildConfig, type Config } from 'payload'

import { Alarms } from './collections/Alarms'
import { Buyers } from './collections/Buyers'
import { Notifications } from './collections/Notifications'
import { Devices } from './collections/Devices'
import { Countries } from './collections/Countries'
import { Feedback } from './collections/Feedback'
import { Manuals } from './collections/Manuals'
import { Models } from './collections/Models'
import { ObjectTypes } from './collections/ObjectTypes'
import { Partners } from './collections/Partners'
import { PhoneCodes } from './collections/PhoneCodes'
import { PumpEvents } from './collections/PumpEvents'
import { Pumps } from './collections/Pumps'
import { queryPresets, translateQueryPresets } from './collections/QueryPresets'
import { Regions } from './collections/Regions'
import { RegistrationAttempts } from './collections/RegistrationAttempts'
import { Users } from './collections/Users'
import { protectInternalFields } from './access/internal-fields'
import { hiddenUnlessStaff, notForOwners, readByPumpPartner } from './access'
import { dressConnectivityField } from './collections/pump-connectivity'
import { mqttIngest, type IngestHost } from './plugins/mqtt-ingest'
import { AWAITING_COMMISSIONING } from './src/domain/lifecycle'
import { normalizeSerial } from './src/domain/registration'
import { recordAlarmChanges } from './src/services/alarm-records'
import { withPumpReads } from './src/services/pump-reads'
import { keepPumpCountsFolded } from './src/services/pump-counts'
import { onClose } from './src/services/close'
import { deviceKeyHash } from './src/services/device-keys'
import { registerHealthCheck, type HealthReport } from './src/services/health'
import { commissionOnFirstConnection } from './src/services/lifecycle'
import { requestGuards } from './src/endpoints/guards'
import { mobileOpenApiEndpoint } from './src/endpoints/mobile-openapi'
import { prepareDatabase } from './src/services/database-setup'
import { keepFleetCounts } from './src/services/fleet-overview'
import { rootDirOf } from './src/services/root'
import { settings } from './src/settings'
import { TELEMETRY_TARGET } from './src/services/telemetry/tables'
import { startTelemetryJob } from './src/services/telemetry/job'
import { keepFieldErrors } from './hooks/errors'
import { serverLogger } from './src/services/server-log'
import { mailAdapter } from './src/services/mail-smtp'
import { digestTask, NOTIFICATION_QUEUE, notificationTask } from './src/services/notification-job'
import { watchIngestion } from './src/services/metrics'

// The project's folder, also when the config runs from scripts/run.js's bundle (src/services/root.ts).
const dirname = rootDirOf()

/** What the modem ingestion takes from the registry: its serial rule, device-key hash and commissioning. */
export const ingestionHost: IngestHost = {
  normalizeSerial,
  deviceKeyHash,
  awaitingCommissioning: AWAITING_COMMISSIONING,
  commission: commissionOnFirstConnection,
  telemetry: TELEMETRY_TARGET,
  recordAlarms: (tx, changes) =>
    recordAlarmChanges(tx, changes, {
      reopenWindowSeconds: settings.alarmReopenSeconds,
      teamEmail: settings.alarmEmailTo,
      teamLanguage: settings.alarmEmailLanguage,
      notifyWindowMinutes: settings.alarmNotifyWindowMinutes,
    }),
}

// Every hidden field (Payload's auth secrets and the plugins' included) is unreadable and unwritable through the API.
export default protectInternalFields(
  translateQueryPresets(
    buildConfig({
      // Empty unless SERVER_URL is set: the admin then calls the API on whatever address it was opened with.
      serverURL: settings.serverUrl,
      // A login cookie counts only on requests from these origins (a cross-site form post is anonymous).
      csrf: settings.allowedOrigins,
      cors: settings.allowedOrigins,
      admin: {
        user: Users.slug,
        importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'src/app/(payload)/admin/importMap.js') },
        meta: { titleSuffix: ' · Реестр тепловых насосов' },
        // Gravatar would send a hash of each e-mail to a third party and fails offline.
        avatar: 'default',
        dateFormat: 'dd.MM.yyyy HH:mm',
        components: {
          // The content-locale switch only on the reference lists, whose names exist in both languages.
          providers: ['/src/components/ContentLocale#ContentLocale'],
          // The partner portal: a page to claim a pump, linked in the navigation for partner users.
          afterNavLinks: [
            '/src/components/RegisterPumpNavLink#RegisterPumpNavLink',
            '/src/components/AlarmConsoleNavLink#AlarmConsoleNavLink',
            '/src/components/factory/FactoryNavLink#FactoryNavLink',
          ],
          beforeDashboard: [
            '/src/components/PartnerFirstAction#PartnerFirstAction',
            '/src/components/FleetDashboard#FleetDashboard',
          ],
          views: {
            registerPump: { Component: '/src/components/RegisterPumpView#RegisterPumpView', path: '/register-pump' },
            alarmConsole: { Component: '/src/components/AlarmConsoleView#AlarmConsoleView', path: '/alarm-console' },
            factory: { Component: '/src/components/factory/FactoryView#FactoryView', path: '/factory' },
          },
        },
      },
      collections: [
        Pumps,
        PumpEvents,
        Alarms,
        Notifications,
        Devices,
        Partners,
        Buyers,
        Feedback,
        Models,
        Manuals,
        Countries,
        Regions,
        ObjectTypes,
        Users,
        RegistrationAttempts,
        PhoneCodes,
      ],
      editor: lexicalEditor(),
      // Refused transitions and registrations are answers to the caller (403, 409), not server faults: logged as info, like Payload's own.
      loggingLevels: {
        TransitionRefused: 'info',
        StatusConflict: 'info',
        RegistrationRefused: 'info',
        PasswordRefused: 'info',
        AlarmRefused: 'info',
        // A failed or locked login is the caller's mistake: one line, no stack trace.
        AuthenticationError: 'info',
        LockedAuth: 'info',
      } as NonNullable<Config['loggingLevels']>,
      logger: serverLogger(),
      // SMTP_HOST set: alarm e-mails and Payload's own (password resets) go through SMTP; unset: to the log.
      email: mailAdapter(settings),
      // Alarm notifications are sent by a job every 15 s, in the server and the worker (not in builds, CLIs or tests).
      jobs: {
        tasks: [
          notificationTask({
            serverUrl: () => settings.serverUrl || `http://localhost:${settings.port}`,
            maxAttempts: settings.notificationAttempts,
            escalation: () => ({
              afterMinutes: settings.alarmEscalateMinutes,
              to: settings.alarmEscalateTo,
              language: settings.alarmEmailLanguage,
            }),
          }),
          digestTask({
            serverUrl: () => settings.serverUrl || `http://localhost:${settings.port}`,
            team: () => ({
              to: settings.alarmEmailTo,
              language: settings.alarmEmailLanguage,
              severities: settings.alarmDigestSeverities,
            }),
          }),
        ],
        autoRun: [{ cron: '*/15 * * * * *', queue: NOTIFICATION_QUEUE, limit: 5 }],
        shouldAutoRun: () => settings.role !== undefined,
      },
      i18n: {
        supportedLanguages: { ru, en },
        fallbackLanguage: 'en',
        // Payload 3.90's Russian strings that lose the field name or read wrongly.
        translations: {
          ru: {
            general: {
              searchBy: 'Искать по {{label}}',
              or: 'или',
              creatingNewLabel: 'Создание: {{label}}',
              email: 'E-mail',
              noLabel: '—',
              // The content-locale switch (reference lists only) says what it switches.
              locale: 'Язык названий',
            },
          },
          // Every empty cell reads "—", in English too (Payload's is "<No {{label}}>").
          en: { general: { noLabel: '—', locale: 'Names in' } },
        },
      },
      // Reference names (countries, regions, object types) exist in both languages; the app asks with ?locale=.
      localization: {
        locales: [
          { code: 'ru', label: 'Русский' },
          { code: 'en', label: 'English' },
        ],
        defaultLocale: 'ru',
        fallback: true,
      },
      secret: settings.payloadSecret ?? '',
      // Types come from `npm run generate:types` only: Payload would otherwise start a child process rewriting
      // src/payload-types.ts on every start outside production (each test file, seed, worker).
      typescript: { autoGenerate: false, outputFile: path.resolve(dirname, 'src/payload-types.ts') },
      // Pump lists sorted by last data, and their totals, are read from what is kept for them (src/services/pump-reads.ts).
      db: withPumpReads(
        postgresAdapter({
          pool: { connectionString: settings.databaseUrl },
          // Schema changes go through committed migrations, applied by src/services/migrations.ts; only `npm run dev`
          // pushes the schema.
          push: settings.schemaPush,
          migrationDir: path.resolve(dirname, 'migrations'),
        }),
      ),
      graphQL: { disablePlaygroundInProduction: true },
      // A 400 keeps the list of fields and what is wrong with each (docs/lifecycle.md), also in the production build.
      hooks: { afterError: [keepFieldErrors] },
      endpoints: [mobileOpenApiEndpoint],
      // Migrations and reference lists first (server and worker only), then the telemetry job (rollups, partitions,
      // retention) wherever the product runs, ingesting or not; the plugins' onInit runs after this. The server also
      // keeps the dashboard's counts fresh in the background (docs/fleet.md).
      onInit: async (payload) => {
        await prepareDatabase(payload)
        if (settings.role)
          startTelemetryJob(payload, {
            rawDays: settings.telemetryRawDays,
            intervalSeconds: settings.telemetryJobSeconds,
          })
        if (settings.role) keepPumpCountsFolded(payload)
        if (settings.role === 'server') keepFleetCounts(payload)
      },
      plugins: [
        mqttIngest({
          ingestInThisProcess: () => settings.mqttIngest && settings.role !== undefined,
          pumpsSlug: Pumps.slug,
          connectivityAfter: 'history',
          dressConnectivityField,
          connection: () => ({
            url: settings.mqttUrl,
            username: settings.mqttUsername,
            password: settings.mqttPassword,
            shareGroup: settings.mqttShareGroup,
            embeddedPort: settings.embeddedMqttPort,
            offlineAfterSeconds: settings.offlineAfterSeconds,
            authSecret: settings.mqttAuthSecret,
          }),
          host: ingestionHost,
          access: {
            readModemEvents: readByPumpPartner,
            readModemHistory: notForOwners,
            hideModemEvents: hiddenUnlessStaff,
          },
          onStarted: (ingestion, payload) => {
            registerHealthCheck('mqtt', ingestion.health as () => HealthReport)
            watchIngestion(ingestion.health)
            onClose(payload, ingestion.stop)
          },
        }),
        // Last: page size, depth and id checks for every collection and endpoint, including the plugins' own.
        requestGuards({
          maxPageSize: settings.maxPageSize,
          maxDepth: settings.maxDepth,
          maxUploadBytes: settings.maxUploadBytes,
        }),
      ],
      telemetry: false,
      // Saved filters on the pump list (collections/QueryPresets.ts).
      queryPresets,
    }),
  ),
)
