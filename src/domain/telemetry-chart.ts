// How a telemetry answer becomes chart data: one time axis in seconds, a line per key, a min–max band per key for
// rollups, and a null inserted where the readings stop for a while (the modem was offline), so the line breaks.
import { BUCKET_MS, type Resolution } from './telemetry-query'

export type SeriesAnswer = {
  resolution: Resolution
  t: number[]
  values: Record<string, (number | null)[]>
  min?: Record<string, (number | null)[]>
  max?: Record<string, (number | null)[]>
}

export const RANGES = ['24h', '7d', '30d', '1y'] as const
export type RangeName = (typeof RANGES)[number]
const RANGE_MS: Record<RangeName, number> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '1y': 365 * 86_400_000,
}

export function rangeOf(name: RangeName, now: number): { from: number; to: number } {
  return { from: now - RANGE_MS[name], to: now }
}

/** The step above which two neighbouring points are a gap: 3 buckets for rollups, 3× the usual step (≥ 10 min) raw. */
export function gapAfterMs(answer: SeriesAnswer): number {
  if (answer.resolution !== 'raw') return 3 * BUCKET_MS[answer.resolution]
  const steps = answer.t
    .slice(1)
    .map((time, index) => time - answer.t[index])
    .sort((a, b) => a - b)
  const usual = steps.length ? steps[Math.floor(steps.length / 2)] : 0
  return Math.max(3 * usual, 600_000)
}

/**
 * uPlot's aligned data: [seconds, key1, (key1 min, key1 max,) key2, …]; a null point is put in each gap. `keys`
 * says which columns follow, in order.
 */
export function chartColumns(answer: SeriesAnswer, keys: string[]): (number | null)[][] {
  const gap = gapAfterMs(answer)
  const bands = answer.resolution !== 'raw'
  const columns: (number | null)[][] = [[]]
  const sources: ((number | null)[] | undefined)[] = []
  for (const key of keys) {
    sources.push(answer.values[key])
    if (bands) sources.push(answer.min?.[key], answer.max?.[key])
  }
  sources.forEach(() => columns.push([]))
  answer.t.forEach((time, index) => {
    if (index > 0 && time - answer.t[index - 1] > gap) {
      columns[0].push((answer.t[index - 1] + 1) / 1000)
      sources.forEach((_, column) => columns[column + 1].push(null))
    }
    columns[0].push(time / 1000)
    sources.forEach((source, column) => columns[column + 1].push(source?.[index] ?? null))
  })
  return columns
}

export const RU_DATE_NAMES = {
  MMMM: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  MMM: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  WWWW: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
  WWW: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
}
