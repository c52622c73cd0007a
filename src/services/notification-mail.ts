// What an alarm e-mail says: the alarm, its pump and place, the catalog's text and what to do in the recipient's
// language, and the link to the pump card (read when it is sent, so it says what is true then). A claimed batch is
// read in one query: during a storm the drain goes at the mail server's pace, not at two Local API reads a message.
import { sql } from '@payloadcms/db-postgres'

import { DEFAULT_SEVERITY, type Severity } from '../domain/alarms'
import { alarmEmail } from '../domain/notifications'

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }

/** One message to compose: its alarm and the recipient's language. */
export type MailRequest = { alarmId: number; language: 'ru' | 'en' }
export type AlarmMail = { subject: string; text: string }
/** The e-mail of one alarm in one language (for an escalation, the minutes it waited); null: the alarm is gone. */
export type ComposeMail = (request: MailRequest, escalatedAfterMinutes: number | null) => AlarmMail | null

type FactsRow = {
  alarm_id: number
  language: 'ru' | 'en'
  severity: string | null
  code: string
  alarm_text: string | null
  raised_at: string | Date
  pump_id: number
  serial: string
  region: string | null
  object_type: string | null
  catalog_text: string | null
  action: string | null
  manual_page: string | number | null
}

/**
 * Reads what the e-mails of a batch say: one query for every (alarm, language) asked for, with the place's names in
 * that language (Russian when a name has no translation, as Payload's fallback does) and the model's catalog entry.
 */
export async function composeAlarmEmails(
  db: Executor,
  requests: MailRequest[],
  serverUrl: string,
): Promise<ComposeMail> {
  const keyOf = (request: MailRequest) => `${request.alarmId}:${request.language}`
  const asked = JSON.stringify([...new Set(requests.map(keyOf))])
  const result = (await db.execute(sql`
    with asked as (
      select split_part(value, ':', 1)::integer alarm_id, split_part(value, ':', 2)::_locales lang
      from jsonb_array_elements_text(${asked}::jsonb) value)
    select q.alarm_id, q.lang::text language, a.severity::text severity, a.code, a.text alarm_text, a.raised_at,
      p.id pump_id, p.serial,
      coalesce((select name from regions_locales where _parent_id = p.region_id and _locale = q.lang),
        (select name from regions_locales where _parent_id = p.region_id and _locale = 'ru')) region,
      coalesce((select name from object_types_locales where _parent_id = p.object_type_id and _locale = q.lang),
        (select name from object_types_locales where _parent_id = p.object_type_id and _locale = 'ru')) object_type,
      case when q.lang = 'ru' then c.text_ru else c.text_en end catalog_text,
      case when q.lang = 'ru' then c.action_ru else c.action_en end action, c.manual_page
    from asked q join alarms a on a.id = q.alarm_id join pumps p on p.id = a.pump_id
    left join lateral (select * from models_alarm_catalog m
      where m._parent_id = p.model_id and m.code = a.code order by m._order limit 1) c on true`)) as {
    rows: FactsRow[]
  }
  const facts = new Map(result.rows.map((row) => [`${row.alarm_id}:${row.language}`, row]))
  return (request, minutes) => {
    const row = facts.get(keyOf(request))
    return row ? mailOf(row, serverUrl, minutes) : null
  }
}

function mailOf(row: FactsRow, serverUrl: string, escalatedAfterMinutes: number | null): AlarmMail {
  return alarmEmail(
    {
      severity: (row.severity ?? DEFAULT_SEVERITY) as Severity,
      code: row.code,
      text: row.catalog_text || row.alarm_text || row.code,
      action: row.action || null,
      manualPage: row.manual_page === null ? null : Number(row.manual_page),
      serial: row.serial,
      region: row.region,
      objectType: row.object_type,
      raisedAt: new Date(row.raised_at).toISOString(),
      cardUrl: `${serverUrl}/admin/collections/pumps/${row.pump_id}`,
    },
    row.language,
    escalatedAfterMinutes,
  )
}
