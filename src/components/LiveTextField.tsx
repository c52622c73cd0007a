'use client'
// A read-only text or choice the modem reports (firmware, network access) as plain text on the card, refreshed by
// itself while the card is open.
import { FieldLabel, useDocumentInfo, useField, useTranslation } from '@payloadcms/ui'
import { getTranslation } from '@payloadcms/translations'
import type { StaticLabel } from 'payload'

import type { LiveField } from '../domain/live'
import { liveValue, useLivePump } from './live-store'

type Option = { value: string; label: unknown } | string

export function LiveTextField({
  field,
  path,
}: {
  field: { name: string; label?: StaticLabel | false; options?: Option[] }
  path?: string
}) {
  const { value } = useField<string | null>({ path: path ?? field.name })
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const shown = liveValue(useLivePump(id), field.name as LiveField, value)
  const options = (field.options ?? []).map((option) =>
    typeof option === 'string' ? { value: option, label: option } : option,
  )
  const option = options.find((entry) => entry.value === shown)
  const text = option ? getTranslation(option.label as string, i18n) : shown
  return (
    <div
      className={`field-type live-text-field live-text-field--${field.name}`}
      style={{ marginBottom: 'var(--base)' }}
    >
      <FieldLabel label={field.label || undefined} path={path} />
      <div className="live-text-field__value">{text || '—'}</div>
    </div>
  )
}
