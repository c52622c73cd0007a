'use client'
// A pump's dates (lifecycle and connectivity) read-only, in the admin's one format, on the clock where the pump is,
// with the zone named; in the list, each row on its own pump's clock.
import { FieldLabel, useDocumentInfo, useField } from '@payloadcms/ui'
import type { DateFieldClientComponent, DefaultCellComponentProps } from 'payload'

import type { LiveField } from '../domain/live'
import { formatDateTime } from './format'
import { liveValue, useLivePump } from './live-store'
import { useBrowserZone, usePumpZone } from './pump-zone'

export const PumpDateField: DateFieldClientComponent = ({ field, path }) => {
  const { value } = useField<string | null>({ path: path ?? field.name })
  const { id } = useDocumentInfo()
  const shown = liveValue(useLivePump(id), field.name as LiveField, value)
  const { zone, note } = usePumpZone()
  const text = zone ? formatDateTime(shown, zone) : ''
  return (
    <div
      className={`field-type pump-date-field pump-date-field--${field.name}`}
      style={{ marginBottom: 'var(--base)' }}
    >
      <FieldLabel label={field.label} path={path} />
      <div className="pump-date-field__value">{text || '—'}</div>
      {text ? (
        <small className="pump-date-field__zone" style={{ color: 'var(--theme-elevation-500)' }}>
          {note}
        </small>
      ) : null}
    </div>
  )
}

export function PumpDateCell({ cellData, rowData, field }: DefaultCellComponentProps) {
  const browser = useBrowserZone()
  const row = rowData as { id?: number | string; timezone?: string | null } | undefined
  const shown = liveValue(useLivePump(row?.id), (field as { name?: string }).name as LiveField, cellData)
  const own = row?.timezone
  const zone = own || browser
  if (!zone) return null
  const text = formatDateTime(shown as string | null, zone)
  return <span title={zone}>{text || '—'}</span>
}
