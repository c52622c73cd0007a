'use client'
// Active alarms as a readable list. (Payload's default JSON field loads the Monaco editor from a CDN, which
// an offline back office cannot reach, and staff need to read alarms, not edit JSON.)
import { FieldLabel, useDocumentInfo, useField, useTranslation } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

import { ageMinutes, formatAge, SEVERITY_COLOURS, SEVERITY_LABELS } from '../domain/alarms'
import { useOpenAlarms, type OpenAlarm } from './alarm-records'
import { formatDateTime } from './format'
import { liveValue, useLivePump } from './live-store'
import { usePumpZone } from './pump-zone'

type Alarm = { code?: string; text?: string; since?: string | number }

export const ActiveAlarmsField: JSONFieldClientComponent = ({ field, path }) => {
  const { value } = useField<Alarm[] | null>({ path: path ?? field.name })
  const { i18n } = useTranslation()
  const ru = i18n.language === 'ru'
  const { zone } = usePumpZone()
  const { id } = useDocumentInfo()
  const shown = liveValue(useLivePump(id), 'activeAlarms', value)
  const alarms = Array.isArray(shown) ? (shown as Alarm[]) : []
  const records = useOpenAlarms(id, alarms.map((alarm) => alarm.code).join(','))
  return (
    <div className="field-type active-alarms-field" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      {alarms.length === 0 ? (
        <span style={{ color: 'var(--theme-elevation-800)' }}>{ru ? 'Нет активных аварий' : 'No active alarms'}</span>
      ) : (
        <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
          {alarms.map((alarm, index) => (
            <li key={`${alarm.code ?? ''}-${index}`} className="active-alarm">
              <RecordBadge record={records.get(alarm.code ?? '')} ru={ru} />
              <strong>{alarm.code}</strong> {alarm.text}
              {alarm.since && zone ? ` · ${ru ? 'с' : 'since'} ${formatDateTime(alarm.since, zone)}` : ''}
              <RecordState record={records.get(alarm.code ?? '')} ru={ru} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The record's severity, coloured. */
function RecordBadge({ record, ru }: { record?: OpenAlarm; ru: boolean }) {
  if (!record) return null
  return (
    <span className="alarm-severity" style={{ color: SEVERITY_COLOURS[record.severity], fontWeight: 600 }}>
      {SEVERITY_LABELS[record.severity][ru ? 'ru' : 'en']}{' '}
    </span>
  )
}

/** How old the alarm is, and whether (and why) someone acknowledged it. */
function RecordState({ record, ru }: { record?: OpenAlarm; ru: boolean }) {
  if (!record) return null
  const age = formatAge(ageMinutes(new Date(record.raisedAt), new Date()), ru ? 'ru' : 'en')
  const acknowledged = record.acknowledgedAt
    ? `${ru ? 'квитирована' : 'acknowledged'}${record.comment ? `: ${record.comment}` : ''}`
    : ru
      ? 'не квитирована'
      : 'not acknowledged'
  return <span className="alarm-state">{` · ${age} · ${acknowledged}`}</span>
}
