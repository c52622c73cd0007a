// Indexes for the fleet's lists at a million pumps (issue 14), outside Payload's schema: substring search on serial
// and SIM (trigram, when the server has pg_trgm), the list sorts and filters, the partner's history read.
import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  // Payload sorts by the asked field, then by createdAt (its tie-breaker): the indexes carry both, or a sort by last
  // data is a top-N sort of the whole table.
  // The history's pump partner (filled by the history service from now on) for the events written before it.
  await db.execute(sql`
    update pump_events e set pump_partner_id = p.responsible_partner_id
      from pumps p where p.id = e.pump_id and e.pump_partner_id is distinct from p.responsible_partner_id;
    create index if not exists pump_events_pump_partner_at_idx on pump_events (pump_partner_id, at desc, created_at desc);
    create index if not exists pumps_last_data_at_idx on pumps (last_data_at, created_at);
    create index if not exists pumps_partner_last_data_at_idx on pumps (responsible_partner_id, last_data_at, created_at);
    create index if not exists pumps_partner_created_at_idx on pumps (responsible_partner_id, created_at);
    create index if not exists pumps_status_online_idx on pumps (status, online);`)
  // The active alarm count follows the alarms whoever writes them (the ingestion's bulk UPDATE included).
  await db.execute(sql`
    create or replace function pumps_active_alarm_count() returns trigger language plpgsql as $$
    begin
      new.active_alarm_count := case when jsonb_typeof(new.active_alarms) = 'array'
        then jsonb_array_length(new.active_alarms) else 0 end;
      return new;
    end $$;
    drop trigger if exists pumps_active_alarm_count on pumps;
    create trigger pumps_active_alarm_count before insert or update on pumps
      for each row execute function pumps_active_alarm_count();
    update pumps set active_alarm_count = case when jsonb_typeof(active_alarms) = 'array'
      then jsonb_array_length(active_alarms) else 0 end;
    create index if not exists pumps_with_alarms_idx on pumps (active_alarm_count) where active_alarm_count > 0;`)
  // Payload's `like` is ILIKE '%…%': a trigram index serves it. pg_trgm is a contrib extension: the PostgreSQL
  // packages (Debian, the official image) and the embedded one ship it; without it the search scans, as before.
  await db.execute(sql`
    do $$ begin
      if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        create extension if not exists pg_trgm;
        create index if not exists pumps_serial_trgm_idx on pumps using gin (serial gin_trgm_ops);
        create index if not exists pumps_sim_number_trgm_idx on pumps using gin (sim_number gin_trgm_ops);
      end if;
    end $$;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop index if exists pumps_with_alarms_idx;
    drop trigger if exists pumps_active_alarm_count on pumps;
    drop function if exists pumps_active_alarm_count();
    drop index if exists pumps_sim_number_trgm_idx;
    drop index if exists pumps_serial_trgm_idx;
    drop index if exists pumps_status_online_idx;
    drop index if exists pumps_partner_created_at_idx;
    drop index if exists pumps_partner_last_data_at_idx;
    drop index if exists pumps_last_data_at_idx;
    drop index if exists pump_events_pump_partner_at_idx;`)
}
