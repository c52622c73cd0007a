// The raw history and its dirty marks are written ~10,000 rows a second; a foreign key to pumps checked each row with
// a lookup of its own (about 5 µs per row on the ingestion's one PostgreSQL backend, its bottleneck). The ingestion
// only stores readings of pumps it has just updated (and locked) in the same transaction, so the check never refuses
// anything; what the key still did, removing a deleted pump's history, a trigger on pumps now does. The rollups keep
// their keys (written by the job, off the ingestion's path).
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    alter table telemetry_readings drop constraint if exists telemetry_readings_pump_id_fkey;
    alter table telemetry_dirty drop constraint if exists telemetry_dirty_pump_id_fkey;
    create or replace function telemetry_forget_pump() returns trigger language plpgsql as $$
    begin
      delete from telemetry_readings where pump_id = old.id;
      delete from telemetry_dirty where pump_id = old.id;
      return old;
    end $$;
    create trigger pumps_telemetry_forget after delete on pumps
      for each row execute function telemetry_forget_pump();`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop trigger if exists pumps_telemetry_forget on pumps;
    drop function if exists telemetry_forget_pump();
    delete from telemetry_readings r where not exists (select 1 from pumps p where p.id = r.pump_id);
    delete from telemetry_dirty d where not exists (select 1 from pumps p where p.id = d.pump_id);
    alter table telemetry_readings add constraint telemetry_readings_pump_id_fkey
      foreign key (pump_id) references pumps(id) on delete cascade;
    alter table telemetry_dirty add constraint telemetry_dirty_pump_id_fkey
      foreign key (pump_id) references pumps(id) on delete cascade;`)
}
