// Where telemetry lives (migrations/20261205_130000_telemetry_sql.ts): the tables the ingestion writes and the reads use.
import { TELEMETRY_LATEST_COLUMN } from '../../domain/telemetry'

export const TELEMETRY_TARGET = {
  readingsTable: 'telemetry_readings',
  keysetsTable: 'telemetry_keysets',
  dirtyTable: 'telemetry_dirty',
  latestColumn: TELEMETRY_LATEST_COLUMN,
}
