'use client'
// The data a transition collected, as labelled lines (the default JSON field loads its editor from a CDN).
import { FieldLabel, useField, useTranslation } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

import { LIFECYCLE_FIELD_LABELS, type TransitionFieldName } from '../domain/lifecycle'
import { formatDateTime } from './format'
import { useBrowserZone } from './pump-zone'

function shown(value: unknown, zone: string | null): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return zone ? formatDateTime(value, zone) : ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

export const EventDataField: JSONFieldClientComponent = ({ field, path }) => {
  const { value } = useField<Record<string, unknown> | null>({ path: path ?? field.name })
  const { i18n } = useTranslation()
  const language = i18n.language === 'ru' ? 'ru' : 'en'
  const zone = useBrowserZone()
  const entries = value && typeof value === 'object' ? Object.entries(value) : []
  return (
    <div className="field-type event-data-field" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      {entries.length === 0 ? (
        <span>—</span>
      ) : (
        <dl style={{ margin: 0 }}>
          {entries.map(([name, item]) => (
            <div key={name} style={{ display: 'flex', gap: '0.5em' }}>
              <dt style={{ fontWeight: 600 }}>
                {LIFECYCLE_FIELD_LABELS[name as TransitionFieldName]?.[language] ?? name}:
              </dt>
              <dd style={{ margin: 0 }}>{shown(item, zone)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
