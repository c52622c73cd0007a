// Plausible, model-shaped readings for the demo and the simulator: a daily outdoor temperature cycle and a heating
// curve that follows it (flow temperature, compressor, power, heat output and COP move together).
import type { TelemetryKey } from './telemetry'

export const DEMO_TELEMETRY_SCHEMA: TelemetryKey[] = [
  {
    key: 't_out',
    kind: 'number',
    unit: '°C',
    decimals: 1,
    min: -40,
    max: 45,
    name: { ru: 'Наружная температура', en: 'Outdoor temperature' },
  },
  {
    key: 't_flow',
    kind: 'number',
    unit: '°C',
    decimals: 1,
    min: 15,
    max: 70,
    name: { ru: 'Температура подачи', en: 'Flow temperature' },
  },
  {
    key: 't_return',
    kind: 'number',
    unit: '°C',
    decimals: 1,
    min: 10,
    max: 65,
    name: { ru: 'Температура обратки', en: 'Return temperature' },
  },
  {
    key: 't_dhw',
    kind: 'number',
    unit: '°C',
    decimals: 1,
    min: 10,
    max: 70,
    name: { ru: 'Температура ГВС', en: 'DHW temperature' },
  },
  {
    key: 'comp_hz',
    kind: 'number',
    unit: 'Hz',
    decimals: 0,
    min: 0,
    max: 120,
    name: { ru: 'Частота компрессора', en: 'Compressor frequency' },
  },
  {
    key: 'power_w',
    kind: 'number',
    unit: 'W',
    decimals: 0,
    min: 0,
    max: 9000,
    name: { ru: 'Электрическая мощность', en: 'Electrical power' },
  },
  {
    key: 'heat_w',
    kind: 'number',
    unit: 'W',
    decimals: 0,
    min: 0,
    max: 30000,
    name: { ru: 'Тепловая мощность', en: 'Heat output' },
  },
  { key: 'cop', kind: 'number', unit: '', decimals: 2, min: 1, max: 7, name: { ru: 'COP', en: 'COP' } },
  {
    key: 'mode',
    kind: 'enum',
    name: { ru: 'Режим', en: 'Operating mode' },
    values: [
      { value: 0, label: { ru: 'Ожидание', en: 'Standby' } },
      { value: 1, label: { ru: 'Отопление', en: 'Heating' } },
      { value: 2, label: { ru: 'ГВС', en: 'Hot water' } },
      { value: 3, label: { ru: 'Оттайка', en: 'Defrost' } },
    ],
  },
]

const round = (value: number, decimals: number) => Number(value.toFixed(decimals))

/**
 * One reading at `at` for pump number `seed`: the outdoor temperature follows the day (coldest at 5 am), the
 * flow temperature a heating curve (35 °C at +15 °C outdoors, 55 °C at −25 °C), hot water every morning and evening.
 */
export function demoReading(at: number, seed: number, noise: () => number = Math.random): Record<string, number> {
  const hourOfDay = (at / 3_600_000 + 5) % 24
  const t_out = -8 + 6 * Math.sin(((hourOfDay - 11) / 24) * 2 * Math.PI) + (seed % 5) - 2 + noise() - 0.5
  const t_flow = Math.min(55, Math.max(30, 35 + (15 - t_out) * 0.5)) + noise() * 0.6
  const hotWater = [6, 7, 19, 20].includes(Math.floor(hourOfDay))
  const load = Math.min(1, Math.max(0.15, (18 - t_out) / 40))
  const comp_hz = hotWater ? 90 : 30 + 70 * load
  const cop = Math.max(1.6, 5.2 - (t_flow - t_out) * 0.045)
  const power_w = 300 + comp_hz * 28
  return {
    t_out: round(t_out, 1),
    t_flow: round(t_flow, 1),
    t_return: round(t_flow - 4 - load * 2, 1),
    t_dhw: round(hotWater ? 52 : 46 - (hourOfDay % 12) * 0.3, 1),
    comp_hz: Math.round(comp_hz),
    power_w: Math.round(power_w),
    heat_w: Math.round(power_w * cop),
    cop: round(cop, 2),
    mode: hotWater ? 2 : 1,
  }
}
