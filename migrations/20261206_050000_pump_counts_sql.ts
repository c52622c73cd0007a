// A pump list counts its filter for its pages (Payload's `count(*)`): at a million pumps 60 ms unfiltered and 160 ms
// for status + online on a slow machine, each page view. The filters people use (partner, status, connectivity, and
// the partner's access) are counted from counters instead: `pump_counts` per (partner, status, online), with the
// changes since its last fold in `pump_count_changes`, written by triggers in the changing transaction (insert only:
// two writers never wait on the same counter row). src/services/pump-counts.ts reads and folds them.
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create table pump_counts (
      partner_id integer, status enum_pumps_status, online boolean, n bigint not null
    );
    create unique index pump_counts_key_idx on pump_counts (partner_id, status, online) nulls not distinct;
    create table pump_count_changes (
      partner_id integer, status enum_pumps_status, online boolean, n integer not null
    );
    create or replace function pump_counts_follow() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        insert into pump_count_changes values (old.responsible_partner_id, old.status, old.online, -1);
      end if;
      if tg_op <> 'DELETE' then
        insert into pump_count_changes values (new.responsible_partner_id, new.status, new.online, 1);
      end if;
      return null;
    end $$;
    create trigger pumps_counts_insert_delete after insert or delete on pumps
      for each row execute function pump_counts_follow();
    create trigger pumps_counts_update after update of responsible_partner_id, status, online on pumps
      for each row when (old.responsible_partner_id is distinct from new.responsible_partner_id
        or old.status is distinct from new.status or old.online is distinct from new.online)
      execute function pump_counts_follow();
    lock table pumps in share mode;
    insert into pump_counts (partner_id, status, online, n)
      select responsible_partner_id, status, online, count(*) from pumps group by 1, 2, 3;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop trigger if exists pumps_counts_update on pumps;
    drop trigger if exists pumps_counts_insert_delete on pumps;
    drop function if exists pump_counts_follow();
    drop table if exists pump_count_changes;
    drop table if exists pump_counts;`)
}
