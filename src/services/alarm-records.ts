// The one writer of alarm records on the modem path: the ingestion hands it the alarms raised and cleared in a
// batch, inside the batch's transaction, and it opens, reopens (flapping) and clears records in three statements.
import { sql } from '@payloadcms/db-postgres'

import { DEFAULT_SEVERITY } from '../domain/alarms'
import { queueAlarmEmails, type AlarmMailOptions } from './notifications'

/** A code raised or cleared on a pump: `at` is when (for a raise the modem's `since`, else the report's time). */
export type AlarmChange = {
  pump: number
  code: string
  text: string
  kind: 'raised' | 'cleared'
  at: string
  /** A raise already cleared again (the code came and went within one batch's window). */
  clearedAt?: string
}

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }

/**
 * Applies the batch's alarm changes: a cleared code closes its open record; a raised code (or one raised and
 * already cleared again, `clearedAt`) reopens the same code's record cleared within `reopenWindowSeconds`
 * (flapping: one fault, one record), else opens a new one with the severity of the pump model's catalog (or the default) and the pump's partner (the partner's read filters on
 * it), and queues its e-mails. Answers the ids of the records opened (not reopened: a flapping code is not told
 * twice).
 */
export async function recordAlarmChanges(
  tx: Executor,
  changes: AlarmChange[],
  options: AlarmMailOptions & { reopenWindowSeconds: number },
): Promise<number[]> {
  const cleared = changes.filter((change) => change.kind === 'cleared')
  if (cleared.length) {
    await tx.execute(sql`
      with c as (select * from jsonb_to_recordset(${JSON.stringify(cleared)}::jsonb) as x(pump integer, code text, at timestamptz))
      update alarms a set cleared_at = greatest(c.at, a.raised_at), updated_at = now()
      from c where a.pump_id = c.pump and a.code = c.code and a.cleared_at is null`)
  }
  // Those already cleared again come first: a code back in the card's newest set then reopens their record.
  const passed = changes.filter((change) => change.kind === 'raised' && change.clearedAt)
  const raised = changes.filter((change) => change.kind === 'raised' && !change.clearedAt)
  const opened = [
    ...(await openRecords(tx, passed, options.reopenWindowSeconds)),
    ...(await openRecords(tx, raised, options.reopenWindowSeconds)),
  ]
  // Their e-mails are queued in the same transaction: an alarm is never recorded without them.
  await queueAlarmEmails(tx, opened, options)
  return opened
}

/** Reopens or opens the records of raised codes (see recordAlarmChanges); answers the ids opened. */
async function openRecords(tx: Executor, raised: AlarmChange[], reopenWindowSeconds: number): Promise<number[]> {
  if (!raised.length) return []
  const result = await tx.execute(sql`
    with r as (
      select pump, code, text, at, case when "clearedAt" is not null then greatest("clearedAt", at) end cleared_at
      from jsonb_to_recordset(${JSON.stringify(raised)}::jsonb)
        as x(pump integer, code text, text text, at timestamptz, "clearedAt" timestamptz)
    ),
    reopened as (
      update alarms a set cleared_at = r.cleared_at, flaps = coalesce(a.flaps, 0) + 1, updated_at = now()
      from r
      where a.id = (
          select b.id from alarms b where b.pump_id = r.pump and b.code = r.code and b.cleared_at is not null
            and b.cleared_at >= r.at - make_interval(secs => ${reopenWindowSeconds})
          order by b.cleared_at desc limit 1)
        and not exists (select 1 from alarms o where o.pump_id = r.pump and o.code = r.code and o.cleared_at is null)
      returning a.pump_id, a.code
    )
    insert into alarms (pump_id, pump_partner_id, code, severity, text, raised_at, cleared_at, flaps, updated_at, created_at)
    select r.pump, p.responsible_partner_id, r.code,
      coalesce((
        select cat.severity::text from models_alarm_catalog cat
        where cat._parent_id = p.model_id and cat.code = r.code limit 1), ${DEFAULT_SEVERITY})::enum_alarms_severity,
      r.text, r.at, r.cleared_at, 0, now(), now()
    from r join pumps p on p.id = r.pump
    where not exists (select 1 from reopened o where o.pump_id = r.pump and o.code = r.code)
      and not exists (select 1 from alarms o where o.pump_id = r.pump and o.code = r.code and o.cleared_at is null)
    on conflict do nothing
    returning id`)
  return (result as { rows: { id: number }[] }).rows.map((row) => row.id)
}
