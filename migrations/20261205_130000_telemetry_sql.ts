// Telemetry history outside Payload's schema (docs/telemetry.md): readings partitioned by day (a default partition
// catches what arrives before its day's partition exists; the maintenance job moves it out), key sets, the buckets
// waiting for the rollup job, and the 5-minute and hourly rollups.
import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create table if not exists telemetry_keysets (id serial primary key, keys text[] not null unique);
    create table if not exists telemetry_readings (
      pump_id integer not null references pumps(id) on delete cascade,
      ts timestamptz not null,
      keyset integer not null,
      vals real[] not null,
      primary key (pump_id, ts)
    ) partition by range (ts);
    create table if not exists telemetry_readings_default partition of telemetry_readings default;
    create table if not exists telemetry_dirty (
      pump_id integer not null references pumps(id) on delete cascade,
      bucket timestamptz not null,
      primary key (pump_id, bucket)
    );
    create table if not exists telemetry_5m (
      pump_id integer not null references pumps(id) on delete cascade,
      key text not null,
      bucket timestamptz not null,
      min real not null, max real not null, sum double precision not null, count integer not null,
      primary key (pump_id, key, bucket)
    );
    create table if not exists telemetry_1h (
      pump_id integer not null references pumps(id) on delete cascade,
      key text not null,
      bucket timestamptz not null,
      min real not null, max real not null, sum double precision not null, count integer not null,
      primary key (pump_id, key, bucket)
    );`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop table if exists telemetry_1h;
    drop table if exists telemetry_5m;
    drop table if exists telemetry_dirty;
    drop table if exists telemetry_readings;
    drop table if exists telemetry_keysets;`)
}
