// The daily telemetry rollup (docs/telemetry.md): a year's chart reads 365 rows per key instead of 8,760 hourly
// ones. Days are UTC days; the job keeps them current from the hourly rows; existing hours are rolled up here.
import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create table if not exists telemetry_1d (
      pump_id integer not null references pumps(id) on delete cascade,
      key text not null,
      bucket timestamptz not null,
      min real not null, max real not null, sum double precision not null, count integer not null,
      primary key (pump_id, key, bucket)
    );
    insert into telemetry_1d (pump_id, key, bucket, min, max, sum, count)
      select pump_id, key, date_bin('1 day', bucket, timestamptz '2000-01-01 00:00:00+00'),
        min(min), max(max), sum(sum), sum(count)
      from telemetry_1h group by 1, 2, 3
      on conflict do nothing;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`drop table if exists telemetry_1d;`)
}
