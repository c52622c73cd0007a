'use client'
// Active alarms as a readable list. (Payload's default JSON field loads the Monaco editor from a CDN, which
// an offline back office cannot reach, and staff need to read alarms, not edit JSON.)
import { FieldLabel, useDocumentInfo, useField, useTranslation } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

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
  return (
    <div className="field-type active-alarms-field" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      {alarms.length === 0 ? (
        <span style={{ color: 'var(--theme-elevation-800)' }}>{ru ? 'Нет активных аварий' : 'No active alarms'}</span>
      ) : (
        <ul style={{ margin: 0, paddingLeft: '1.2em', color: 'var(--theme-error-500)' }}>
          {alarms.map((alarm, index) => (
            <li key={`${alarm.code ?? ''}-${index}`}>
              <strong>{alarm.code}</strong> {alarm.text}
              {alarm.since && zone ? ` · ${ru ? 'с' : 'since'} ${formatDateTime(alarm.since, zone)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
