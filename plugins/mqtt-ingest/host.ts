// What the ingestion needs from its host, given through the plugin's options: the plugin imports none of it.
import type { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { TelemetryTarget } from './history-writes'
import type { NormalizeSerial } from './modem'

/** What runs one SQL statement (the batch's transaction). */
export type SqlExecutor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }

/** A code raised or cleared on a pump: `at` is when (for a raise the modem's `since`, else the report's time). */
export type AlarmChange = {
  pump: number
  code: string
  text: string
  kind: 'raised' | 'cleared'
  at: string
  /** A raise already cleared again (the code came and went within one batch's window). */
  clearedAt?: string
}

/** The host's rules and services the ingestion calls. */
export type IngestHost = {
  /** How the host writes a serial (the pumps collection's own rule). */
  normalizeSerial: NormalizeSerial
  /** The keyed hash the host keeps of a modem's device key (`pumps.deviceKeyHash`). */
  deviceKeyHash: (secret: string, key: string) => string
  /** Pump statuses that a first connection puts into operation. */
  awaitingCommissioning: readonly string[]
  /** Puts a pump into operation on its first connection; true when it did (the host's lifecycle service). */
  commission: (payload: Payload, serial: string, at: Date) => Promise<boolean>
  /** Where readings are kept (the host's tables and the pumps' latest-values column); unset: not kept. */
  telemetry?: TelemetryTarget
  /**
   * Keeps the host's alarm records: called inside each batch's transaction (bulk SQL on `tx`, never the Local API)
   * with every alarm raised and cleared in it. A throw rolls the batch back like a failed card write.
   */
  recordAlarms?: (tx: SqlExecutor, changes: AlarmChange[]) => Promise<unknown>
  /** The ingestion's own broker password when configured (MQTT_PASSWORD); else derived from Payload's secret. */
  ingestPassword?: string
}

/** What the broker's login and ACL need of the host. */
export type BrokerHost = Pick<IngestHost, 'normalizeSerial' | 'deviceKeyHash' | 'ingestPassword'>
