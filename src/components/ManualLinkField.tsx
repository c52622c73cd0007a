'use client'
// The pump card's link to its model's PDF manual: a real link instead of a read-only text box.
import { FieldLabel, useField, useTranslation } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'

export const ManualLinkField: TextFieldClientComponent = ({ field, path }) => {
  const { value } = useField<string | null>({ path: path ?? field.name })
  const { i18n } = useTranslation()
  return (
    <div className="field-type manual-link-field" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      {value ? (
        <a href={value} target="_blank" rel="noreferrer">
          {i18n.language === 'ru' ? 'Открыть PDF' : 'Open PDF'}
        </a>
      ) : (
        <span style={{ color: 'var(--theme-elevation-500)' }}>
          {i18n.language === 'ru' ? 'Нет: у модели не загружено руководство' : 'None: the model has no manual yet'}
        </span>
      )}
    </div>
  )
}
