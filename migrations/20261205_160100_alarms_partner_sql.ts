// The alarms' pump partner (issue 13, as the history's in issue 14): the records written before it get their pump's
// partner; a trigger re-labels a pump's alarms when its partner changes, whoever changes it (a transition, a claim,
// an edit in the admin, a bulk statement); the partner console's index of its active alarms, worst and oldest first.
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    update alarms a set pump_partner_id = p.responsible_partner_id
      from pumps p where p.id = a.pump_id and a.pump_partner_id is distinct from p.responsible_partner_id;
    create index if not exists alarms_partner_active_console_idx on alarms (pump_partner_id, severity, raised_at)
      where cleared_at is null;
    create or replace function alarms_follow_pump_partner() returns trigger language plpgsql as $$
    begin
      update alarms set pump_partner_id = new.responsible_partner_id
        where pump_id = new.id and pump_partner_id is distinct from new.responsible_partner_id;
      return null;
    end $$;
    drop trigger if exists alarms_follow_pump_partner on pumps;
    create trigger alarms_follow_pump_partner after update of responsible_partner_id on pumps
      for each row when (old.responsible_partner_id is distinct from new.responsible_partner_id)
      execute function alarms_follow_pump_partner();`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop trigger if exists alarms_follow_pump_partner on pumps;
    drop function if exists alarms_follow_pump_partner();
    drop index if exists alarms_partner_active_console_idx;`)
}
