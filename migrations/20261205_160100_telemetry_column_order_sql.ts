// Telemetry readings with `ts` first (docs/telemetry.md, storage): the 8-byte time no longer waits 4 bytes of
// alignment padding after pump_id, 8 bytes less per stored message (measured: 143.7 to 135.6 B with the index).
// The existing partitions are moved under the new parent as they are (PostgreSQL maps each partition's own column
// order), so no row is copied; partitions made from now on have the new order.
import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** Moves every partition of `source` under `target` (the default partition last, so each attach scans only itself). */
const movePartitions = (source: string, target: string) => `
  do $$ declare r record; begin
    for r in select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
      from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '${source}'::regclass
      order by pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.relname
    loop
      execute format('alter table ${source} detach partition %I', r.name);
      execute format('alter table ${target} attach partition %I %s', r.name, r.bound);
    end loop;
  end $$;`

async function reorder(db: MigrateUpArgs['db'], columns: string): Promise<void> {
  await db.execute(
    sql.raw(`
    create table telemetry_readings_next (${columns}, primary key (pump_id, ts)) partition by range (ts);
    ${movePartitions('telemetry_readings', 'telemetry_readings_next')}
    drop table telemetry_readings;
    alter table telemetry_readings_next rename to telemetry_readings;
    alter index telemetry_readings_next_pkey rename to telemetry_readings_pkey;
    alter table telemetry_readings rename constraint telemetry_readings_next_pump_id_fkey
      to telemetry_readings_pump_id_fkey;`),
  )
}

const PUMP = 'pump_id integer not null references pumps(id) on delete cascade'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await reorder(db, `ts timestamptz not null, ${PUMP}, keyset integer not null, vals real[] not null`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await reorder(db, `${PUMP}, ts timestamptz not null, keyset integer not null, vals real[] not null`)
}
