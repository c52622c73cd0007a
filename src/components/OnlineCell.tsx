'use client'
// "Online" as a coloured badge, never Payload's `true`/`false`, in the list and on the card, refreshed by itself
// while the page is open (live-store.ts).
import { FieldLabel, useDocumentInfo, useField, useTranslation } from '@payloadcms/ui'
import type { CheckboxFieldClientComponent, DefaultCellComponentProps } from 'payload'

import { BADGE_STYLE } from './format'
import { liveValue, useLivePump } from './live-store'

function OnlineBadge({ online }: { online: boolean }) {
  const { i18n } = useTranslation()
  const ru = i18n.language === 'ru'
  return (
    <span
      className={`online-badge online-cell online-cell--${online ? 'online' : 'offline'}`}
      style={{
        ...BADGE_STYLE,
        color: online ? 'var(--theme-success-750)' : 'var(--theme-elevation-700)',
        background: online ? 'var(--theme-success-100)' : 'var(--theme-elevation-100)',
      }}
    >
      {online ? (ru ? 'В сети' : 'Online') : ru ? 'Не в сети' : 'Offline'}
    </span>
  )
}

export function OnlineCell({ cellData, rowData }: DefaultCellComponentProps) {
  const live = useLivePump((rowData as { id?: number | string } | undefined)?.id)
  return <OnlineBadge online={liveValue(live, 'online', cellData) === true} />
}

export const OnlineField: CheckboxFieldClientComponent = ({ field, path }) => {
  const { value } = useField<boolean>({ path: path ?? field.name })
  const { id } = useDocumentInfo()
  const live = useLivePump(id)
  return (
    <div className="field-type online-field" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      <OnlineBadge online={liveValue(live, 'online', value) === true} />
    </div>
  )
}
