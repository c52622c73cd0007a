// A list sorted by last data needs `last_data_at` in an index, but an index on it in `pumps` stops every card update
// of the ingestion from being done in place (HOT; `20261205_190000_pumps_hot_updates_sql`). So the sort key lives in
// a narrow table of its own, indexed in the list's order and kept equal to the card by triggers in the same
// transaction; `src/services/last-data-order.ts` reads a page's ids from it (docs/fleet.md, "Indexes and queries").
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create table pump_activity (
      pump_id integer primary key references pumps(id) on delete cascade,
      last_data_at timestamp(3) with time zone,
      created_at timestamp(3) with time zone not null
    );
    insert into pump_activity (pump_id, last_data_at, created_at) select id, last_data_at, created_at from pumps;
    create index pump_activity_order_idx on pump_activity (last_data_at desc, created_at desc, pump_id desc);
    create or replace function pump_activity_follow() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into pump_activity (pump_id, last_data_at, created_at) values (new.id, new.last_data_at, new.created_at);
      else
        update pump_activity set last_data_at = new.last_data_at, created_at = new.created_at where pump_id = new.id;
      end if;
      return null;
    end $$;
    create trigger pumps_activity_insert after insert on pumps
      for each row execute function pump_activity_follow();
    create trigger pumps_activity_update after update of last_data_at, created_at on pumps
      for each row when (old.last_data_at is distinct from new.last_data_at or old.created_at is distinct from new.created_at)
      execute function pump_activity_follow();
    analyze pump_activity;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop trigger if exists pumps_activity_update on pumps;
    drop trigger if exists pumps_activity_insert on pumps;
    drop function if exists pump_activity_follow();
    drop table if exists pump_activity;`)
}
