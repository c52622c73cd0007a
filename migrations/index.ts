import * as migration_20261128_035850_initial from './20261128_035850_initial'
import * as migration_20261128_044510_lifecycle from './20261128_044510_lifecycle'
import * as migration_20261128_045641_registration from './20261128_045641_registration'
import * as migration_20261128_051649_mqtt_ingest from './20261128_051649_mqtt_ingest'
import * as migration_20261201_212946_access_hardening from './20261201_212946_access_hardening'
import * as migration_20261205_092056_pumps_no_edit_lock from './20261205_092056_pumps_no_edit_lock'
import * as migration_20261205_125900_features from './20261205_125900_features'
import * as migration_20261205_130000_factory_sql from './20261205_130000_factory_sql'
import * as migration_20261205_130000_fleet_sql from './20261205_130000_fleet_sql'
import * as migration_20261205_130000_telemetry_sql from './20261205_130000_telemetry_sql'
import * as migration_20261205_135900_alarms_sql from './20261205_135900_alarms_sql'
import * as migration_20261205_155900_wave2 from './20261205_155900_wave2'
import * as migration_20261205_160000_telemetry_daily_sql from './20261205_160000_telemetry_daily_sql'
import * as migration_20261205_160100_alarms_partner_sql from './20261205_160100_alarms_partner_sql'
import * as migration_20261205_160100_telemetry_column_order_sql from './20261205_160100_telemetry_column_order_sql'
import * as migration_20261205_160400_alarm_preferences_sql from './20261205_160400_alarm_preferences_sql'
import * as migration_20261205_170000_alarms2_digest from './20261205_170000_alarms2_digest'
import * as migration_20261205_170100_alarms2_digest_sql from './20261205_170100_alarms2_digest_sql'
import * as migration_20261205_170200_alarms2_digest_job from './20261205_170200_alarms2_digest_job'
import * as migration_20261205_190000_pumps_hot_updates_sql from './20261205_190000_pumps_hot_updates_sql'
import * as migration_20261206_010000_telemetry_history_without_fk_sql from './20261206_010000_telemetry_history_without_fk_sql'
import * as migration_20261206_040000_pump_activity_sql from './20261206_040000_pump_activity_sql'
import * as migration_20261206_050000_pump_counts_sql from './20261206_050000_pump_counts_sql'

export const migrations = [
  {
    up: migration_20261128_035850_initial.up,
    down: migration_20261128_035850_initial.down,
    name: '20261128_035850_initial',
  },
  {
    up: migration_20261128_044510_lifecycle.up,
    down: migration_20261128_044510_lifecycle.down,
    name: '20261128_044510_lifecycle',
  },
  {
    up: migration_20261128_045641_registration.up,
    down: migration_20261128_045641_registration.down,
    name: '20261128_045641_registration',
  },
  {
    up: migration_20261128_051649_mqtt_ingest.up,
    down: migration_20261128_051649_mqtt_ingest.down,
    name: '20261128_051649_mqtt_ingest',
  },
  {
    up: migration_20261201_212946_access_hardening.up,
    down: migration_20261201_212946_access_hardening.down,
    name: '20261201_212946_access_hardening',
  },
  {
    up: migration_20261205_092056_pumps_no_edit_lock.up,
    down: migration_20261205_092056_pumps_no_edit_lock.down,
    name: '20261205_092056_pumps_no_edit_lock',
  },
  {
    up: migration_20261205_125900_features.up,
    down: migration_20261205_125900_features.down,
    name: '20261205_125900_features',
  },
  {
    up: migration_20261205_130000_factory_sql.up,
    down: migration_20261205_130000_factory_sql.down,
    name: '20261205_130000_factory_sql',
  },
  {
    up: migration_20261205_130000_fleet_sql.up,
    down: migration_20261205_130000_fleet_sql.down,
    name: '20261205_130000_fleet_sql',
  },
  {
    up: migration_20261205_130000_telemetry_sql.up,
    down: migration_20261205_130000_telemetry_sql.down,
    name: '20261205_130000_telemetry_sql',
  },
  {
    up: migration_20261205_135900_alarms_sql.up,
    down: migration_20261205_135900_alarms_sql.down,
    name: '20261205_135900_alarms_sql',
  },
  {
    up: migration_20261205_155900_wave2.up,
    down: migration_20261205_155900_wave2.down,
    name: '20261205_155900_wave2',
  },
  {
    up: migration_20261205_160000_telemetry_daily_sql.up,
    down: migration_20261205_160000_telemetry_daily_sql.down,
    name: '20261205_160000_telemetry_daily_sql',
  },
  {
    up: migration_20261205_160100_alarms_partner_sql.up,
    down: migration_20261205_160100_alarms_partner_sql.down,
    name: '20261205_160100_alarms_partner_sql',
  },
  {
    up: migration_20261205_160100_telemetry_column_order_sql.up,
    down: migration_20261205_160100_telemetry_column_order_sql.down,
    name: '20261205_160100_telemetry_column_order_sql',
  },
  {
    up: migration_20261205_160400_alarm_preferences_sql.up,
    down: migration_20261205_160400_alarm_preferences_sql.down,
    name: '20261205_160400_alarm_preferences_sql',
  },
  {
    up: migration_20261205_170000_alarms2_digest.up,
    down: migration_20261205_170000_alarms2_digest.down,
    name: '20261205_170000_alarms2_digest',
  },
  {
    up: migration_20261205_170100_alarms2_digest_sql.up,
    down: migration_20261205_170100_alarms2_digest_sql.down,
    name: '20261205_170100_alarms2_digest_sql',
  },
  {
    up: migration_20261205_170200_alarms2_digest_job.up,
    down: migration_20261205_170200_alarms2_digest_job.down,
    name: '20261205_170200_alarms2_digest_job',
  },
  {
    up: migration_20261205_190000_pumps_hot_updates_sql.up,
    down: migration_20261205_190000_pumps_hot_updates_sql.down,
    name: '20261205_190000_pumps_hot_updates_sql',
  },
  {
    up: migration_20261206_010000_telemetry_history_without_fk_sql.up,
    down: migration_20261206_010000_telemetry_history_without_fk_sql.down,
    name: '20261206_010000_telemetry_history_without_fk_sql',
  },
  {
    up: migration_20261206_040000_pump_activity_sql.up,
    down: migration_20261206_040000_pump_activity_sql.down,
    name: '20261206_040000_pump_activity_sql',
  },
  {
    up: migration_20261206_050000_pump_counts_sql.up,
    down: migration_20261206_050000_pump_counts_sql.down,
    name: '20261206_050000_pump_counts_sql',
  },
]
