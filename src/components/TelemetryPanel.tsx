'use client'
// The pump card's telemetry: the latest value of each key with its time (the model's name, unit and decimals; a
// value outside the plausible range marked), and the history chart below it.
import { FieldLabel, useConfig, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'
import { useEffect, useState } from 'react'

import { formatReading, keyName, type TelemetryKey } from '../domain/telemetry'
import { formatDateTime } from './format'
import { usePumpZone } from './pump-zone'
import { TelemetryChart } from './TelemetryChart'
import './telemetry.css'

export type LatestAnswer = {
  schema: TelemetryKey[]
  latest: { key: string; value: number; at: string; outOfRange: boolean; schema: TelemetryKey | null }[]
}

/** `${serverURL}${api}/pumps/:id/telemetry`: the base of the telemetry reads. */
export function useTelemetryBase(id: number | string | undefined): string | null {
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  return id === undefined || id === null || id === '' ? null : `${serverURL ?? ''}${api}/pumps/${id}/telemetry`
}

function LatestTable({ answer, ru, zone }: { answer: LatestAnswer; ru: boolean; zone: string | null }) {
  const locale = ru ? 'ru' : 'en'
  if (!answer.latest.length) {
    return <p className="telemetry-empty">{ru ? 'Показаний пока нет' : 'No readings yet'}</p>
  }
  return (
    <table className="telemetry-latest">
      <tbody>
        {answer.latest.map((entry) => (
          <tr
            key={entry.key}
            data-key={entry.key}
            className={entry.outOfRange ? 'telemetry-out-of-range' : undefined}
            title={
              entry.outOfRange ? (ru ? 'Вне правдоподобного диапазона' : 'Outside the plausible range') : undefined
            }
          >
            <th scope="row">{keyName(entry.key, entry.schema ?? undefined, locale)}</th>
            <td className="telemetry-value">
              {formatReading(entry.value, entry.schema ?? undefined, locale)}
              {entry.outOfRange ? ' ⚠' : ''}
            </td>
            <td className="telemetry-at">{formatDateTime(entry.at, zone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export const TelemetryPanel: JSONFieldClientComponent = ({ field, path }) => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const ru = i18n.language === 'ru'
  const { zone } = usePumpZone()
  const base = useTelemetryBase(id)
  const [answer, setAnswer] = useState<LatestAnswer | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!base) return
    let live = true
    fetch(`${base}/latest`, { credentials: 'include' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body: LatestAnswer) => live && setAnswer(body))
      .catch(() => live && setFailed(true))
    return () => {
      live = false
    }
  }, [base])
  if (!base) return null
  return (
    <div className="field-type telemetry-panel" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      {failed ? <p>{ru ? 'Не удалось загрузить показания' : 'Could not load the readings'}</p> : null}
      {answer ? <LatestTable answer={answer} ru={ru} zone={zone} /> : null}
      {answer ? <TelemetryChart base={base} answer={answer} ru={ru} zone={zone} /> : null}
    </div>
  )
}
