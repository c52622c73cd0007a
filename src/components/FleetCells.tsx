'use client'
// The pump list's cells people read at a glance (issue 14): the status as a coloured badge, and the last data as
// "5 мин назад" with the exact time (on the pump's clock) on hover, refreshed by itself while the list is open.
import { useTranslation } from '@payloadcms/ui'
import type { DefaultCellComponentProps } from 'payload'
import { useEffect, useState } from 'react'

import { relativeAge } from '../domain/fleet'
import type { LiveField } from '../domain/live'
import { isPumpStatus, STATUS_LABELS, type PumpStatus } from '../domain/lifecycle'
import { BADGE_STYLE, formatDateTime } from './format'
import { liveValue, useLivePump } from './live-store'
import { useBrowserZone } from './pump-zone'

const STATUS_COLOURS: Record<PumpStatus, string> = {
  created: 'elevation',
  produced: 'elevation',
  released: 'warning',
  shipped: 'warning',
  in_operation: 'success',
  in_service: 'error',
  decommissioned: 'elevation',
}

export function StatusCell({ cellData }: DefaultCellComponentProps) {
  const { i18n } = useTranslation()
  if (!isPumpStatus(cellData)) return <span>—</span>
  const colour = STATUS_COLOURS[cellData]
  return (
    <span
      className={`status-badge status-badge--${cellData}`}
      style={{
        ...BADGE_STYLE,
        color: `var(--theme-${colour}-${colour === 'elevation' ? 800 : 750})`,
        background: `var(--theme-${colour}-100)`,
      }}
    >
      {STATUS_LABELS[cellData][i18n.language === 'ru' ? 'ru' : 'en']}
    </span>
  )
}

/** The clock ticks once a minute; the first render shows the exact time (the server cannot know the reader's now). */
function useMinuteClock(): number | null {
  const [now, setNow] = useState<number | null>(null)
  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

export function LastDataCell({ cellData, rowData, field }: DefaultCellComponentProps) {
  const { i18n } = useTranslation()
  const now = useMinuteClock()
  const browser = useBrowserZone()
  const row = rowData as { id?: number | string; timezone?: string | null } | undefined
  const shown = liveValue(useLivePump(row?.id), (field as { name?: string }).name as LiveField, cellData)
  if (!shown) return <span>—</span>
  const exact = formatDateTime(shown as string, row?.timezone || browser || undefined)
  const time = new Date(shown as string).getTime()
  return (
    <span className="last-data-cell" title={exact}>
      {now === null || Number.isNaN(time) ? exact : relativeAge(time, now, i18n.language)}
    </span>
  )
}
