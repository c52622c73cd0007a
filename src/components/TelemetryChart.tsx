'use client'
// The history chart of the pump card (uPlot, bundled: no CDN): keys chosen with the model's names and units,
// 24 h / 7 d / 30 d / 1 y or a custom range, the server's resolution (raw, or a rollup drawn with its min–max
// band), gaps where the modem was silent, dates in the pump's zone and the reader's language; and the CSV export.
import 'uplot/dist/uPlot.min.css'

import { useEffect, useMemo, useRef, useState } from 'react'

import { chartColumns, rangeOf, RANGES, type RangeName, type SeriesAnswer } from '../domain/telemetry-chart'
import { keyName } from '../domain/telemetry'
import type { LatestAnswer } from './TelemetryPanel'
import { plotOptions } from './telemetry-plot'

type Props = { base: string; answer: LatestAnswer; ru: boolean; zone: string | null }
type Range = { name: RangeName | 'custom'; from: number; to: number }

const RANGE_LABELS: Record<RangeName, { ru: string; en: string }> = {
  '24h': { ru: '24 ч', en: '24 h' },
  '7d': { ru: '7 дн', en: '7 d' },
  '30d': { ru: '30 дн', en: '30 d' },
  '1y': { ru: '1 год', en: '1 y' },
}
const RESOLUTION_LABELS = {
  raw: { ru: 'все показания', en: 'every reading' },
  '5m': { ru: '5 мин: среднее и мин–макс', en: '5 min: average and min–max' },
  '1h': { ru: '1 ч: среднее и мин–макс', en: '1 h: average and min–max' },
  '1d': { ru: '1 сутки: среднее и мин–макс', en: '1 day: average and min–max' },
}
const toInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16)

/** Fetches the series for the keys and range; draws it with uPlot once the browser has it. */
function usePlot(props: Props, keys: string[], range: Range) {
  const target = useRef<HTMLDivElement>(null)
  const [series, setSeries] = useState<SeriesAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const query = `from=${new Date(range.from).toISOString()}&to=${new Date(range.to).toISOString()}&keys=${keys.join(',')}`
  useEffect(() => {
    if (!keys.length) return setSeries(null)
    let live = true
    fetch(`${props.base}?${query}`, { credentials: 'include' })
      .then(async (response) => {
        const body = await response.json()
        if (!live) return
        if (response.ok) {
          setSeries(body as SeriesAnswer)
          setError(null)
        } else setError(body?.errors?.[0]?.message ?? String(response.status))
      })
      .catch((failure: Error) => live && setError(failure.message))
    return () => {
      live = false
    }
  }, [props.base, query, keys.length])
  useEffect(() => {
    if (!series || !target.current) return
    let chart: { destroy: () => void } | null = null
    let live = true
    void import('uplot').then(({ default: uPlot }) => {
      if (!live || !target.current) return
      const options = plotOptions(uPlot, { ...props, keys, series, width: target.current.clientWidth || 800 })
      chart = new uPlot(options, chartColumns(series, keys) as never, target.current)
    })
    return () => {
      live = false
      chart?.destroy()
    }
  }, [series, keys, props])
  return { target, series, error, query }
}

/** The range buttons, the custom range's two times (the browser's clock) and the CSV link for what is shown. */
function RangeControls({
  range,
  setRange,
  ru,
  csv,
}: {
  range: Range
  setRange: (range: Range) => void
  ru: boolean
  csv: string
}) {
  const locale = ru ? 'ru' : 'en'
  return (
    <div className="telemetry-ranges" role="group" aria-label={ru ? 'Период' : 'Range'}>
      {RANGES.map((name) => (
        <button
          type="button"
          key={name}
          aria-pressed={range.name === name}
          onClick={() => setRange({ name, ...rangeOf(name, Date.now()) })}
        >
          {RANGE_LABELS[name][locale]}
        </button>
      ))}
      <RangeEnd
        label={ru ? 'с' : 'from'}
        name="telemetry-from"
        value={range.from}
        onPick={(from) => setRange({ ...range, name: 'custom', from })}
      />
      <RangeEnd
        label={ru ? 'по' : 'to'}
        name="telemetry-to"
        value={range.to}
        onPick={(to) => setRange({ ...range, name: 'custom', to })}
      />
      <a className="telemetry-csv" href={csv} download>
        {ru ? 'Скачать CSV' : 'Download CSV'}
      </a>
    </div>
  )
}

export function TelemetryChart(props: Props) {
  const { answer, ru } = props
  const locale = ru ? 'ru' : 'en'
  const available = useMemo(() => answer.latest.map((entry) => entry.key), [answer])
  const [keys, setKeys] = useState<string[]>(() => available.slice(0, 3))
  const [range, setRange] = useState<Range>(() => ({ name: '24h', ...rangeOf('24h', Date.now()) }))
  const { target, series, error, query } = usePlot(props, keys, range)
  const nameOf = (key: string) =>
    keyName(
      key,
      answer.schema.find((entry) => entry.key === key),
      locale,
    )
  const toggle = (key: string) =>
    setKeys((current) => (current.includes(key) ? current.filter((k) => k !== key) : [...current, key].slice(-8)))
  return (
    <div className="telemetry-chart">
      <div className="telemetry-keys" role="group" aria-label={ru ? 'Параметры' : 'Keys'}>
        {available.map((key) => (
          <label key={key}>
            <input type="checkbox" checked={keys.includes(key)} onChange={() => toggle(key)} /> {nameOf(key)}
          </label>
        ))}
      </div>
      <RangeControls range={range} setRange={setRange} ru={ru} csv={`${props.base}/csv?${query}`} />
      {error ? <p className="telemetry-error">{error}</p> : null}
      {series ? (
        <p className="telemetry-resolution">
          {RESOLUTION_LABELS[series.resolution][locale]} · {series.t.length} {ru ? 'точек' : 'points'}
        </p>
      ) : null}
      <div ref={target} className="telemetry-plot" />
    </div>
  )
}

/** One end of a custom range: a local date and time; a value that is not one is ignored. */
function RangeEnd(props: { label: string; name: string; value: number; onPick: (at: number) => void }) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="datetime-local"
        name={props.name}
        value={toInput(props.value)}
        onChange={(event) => {
          const at = Date.parse(event.target.value)
          if (Number.isFinite(at)) props.onPick(at)
        }}
      />
    </label>
  )
}
