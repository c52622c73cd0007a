// uPlot's options for the telemetry chart: a line per key named with the model's name and unit, a translucent
// min–max band for rollups, one y scale per unit, time in the pump's zone, month and day names in the reader's language.
import type uPlotType from 'uplot'

import type { SeriesAnswer } from '../domain/telemetry-chart'
import { RU_DATE_NAMES } from '../domain/telemetry-chart'
import { keyName, type TelemetryKey } from '../domain/telemetry'

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf']

type PlotInput = {
  keys: string[]
  series: SeriesAnswer
  answer: { schema: TelemetryKey[] }
  ru: boolean
  zone: string | null
  width: number
}

/** A time on the axis or in the legend, in the pump's zone and the reader's language: 24-hour clock, day and month. */
function timeText(seconds: number, step: number, input: PlotInput): string {
  const options: Intl.DateTimeFormatOptions =
    step >= 86_400
      ? { day: 'numeric', month: 'short' }
      : step > 0
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
  return new Intl.DateTimeFormat(input.ru ? 'ru-RU' : 'en-GB', {
    ...options,
    timeZone: input.zone ?? undefined,
  }).format(new Date(seconds * 1000))
}

export function plotOptions(uPlot: typeof uPlotType, input: PlotInput): uPlotType.Options {
  const locale = input.ru ? 'ru' : 'en'
  const bands = input.series.resolution !== 'raw'
  const schemaOf = (key: string) => input.answer.schema.find((entry) => entry.key === key)
  const unitOf = (key: string) => schemaOf(key)?.unit || '—'
  const units = [...new Set(input.keys.map(unitOf))]
  const series: uPlotType.Series[] = [
    {
      label: input.ru ? 'Время' : 'Time',
      value: (_, seconds) => (seconds === null ? '—' : timeText(seconds, 0, input)),
    },
  ]
  const bandList: uPlotType.Band[] = []
  input.keys.forEach((key, index) => {
    const colour = COLOURS[index % COLOURS.length]
    const unit = unitOf(key)
    const label = `${keyName(key, schemaOf(key), locale)}${unit !== '—' ? `, ${unit}` : ''}`
    const line = series.length
    series.push({ label, stroke: colour, width: 1.5, scale: unit, spanGaps: false })
    if (bands) {
      series.push({ label: `${label} min`, stroke: colour, width: 0, scale: unit, spanGaps: false })
      series.push({ label: `${label} max`, stroke: colour, width: 0, scale: unit, spanGaps: false })
      bandList.push({ series: [line + 2, line + 1], fill: `${colour}33` })
    }
  })
  return {
    width: input.width,
    height: 320,
    series,
    bands: bandList,
    scales: { x: { time: true } },
    axes: [
      { values: (_, splits, _axis, _space, step) => splits.map((seconds) => timeText(seconds, step, input)) },
      ...units.map((unit, index) => ({ scale: unit, side: index % 2 ? 1 : 3, label: unit })),
    ] as uPlotType.Axis[],
    tzDate: (seconds: number) =>
      input.zone ? uPlot.tzDate(new Date(seconds * 1000), input.zone) : new Date(seconds * 1000),
    fmtDate: (template: string) => uPlot.fmtDate(template, input.ru ? RU_DATE_NAMES : undefined),
    legend: { live: true },
  }
}
