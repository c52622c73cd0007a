// The console's filters: a plain GET form, so a filtered console is an address to bookmark or send.
import type { ConsoleFilters } from '../domain/alarm-console'
import { SEVERITIES, SEVERITY_LABELS } from '../domain/alarms'

export type FilterOptions = {
  models: { id: number; name: string }[]
  partners: { id: number; name: string }[]
  regions: { id: number; name: string }[]
}

type Language = 'ru' | 'en'

const WORDS = {
  state: { ru: 'Состояние', en: 'State' },
  active: { ru: 'Активные', en: 'Active' },
  recent: { ru: 'Активные и снятые за 7 дней', en: 'Active and cleared in 7 days' },
  all: { ru: 'Все', en: 'All' },
  severity: { ru: 'Важность', en: 'Severity' },
  code: { ru: 'Код', en: 'Code' },
  model: { ru: 'Модель', en: 'Model' },
  partner: { ru: 'Партнёр', en: 'Partner' },
  region: { ru: 'Регион', en: 'Region' },
  ack: { ru: 'Квитирование', en: 'Acknowledged' },
  yes: { ru: 'Квитированные', en: 'Acknowledged' },
  no: { ru: 'Не квитированные', en: 'Not acknowledged' },
  age: { ru: 'Старше', en: 'Older than' },
  any: { ru: 'Любые', en: 'Any' },
  apply: { ru: 'Показать', en: 'Apply' },
}

const AGES = [
  { minutes: 60, ru: '1 ч', en: '1 h' },
  { minutes: 240, ru: '4 ч', en: '4 h' },
  { minutes: 1440, ru: '1 дня', en: '1 day' },
  { minutes: 10080, ru: '7 дней', en: '7 days' },
]

function Select(props: {
  name: string
  label: string
  value: string
  any: string
  options: { value: string; label: string }[]
}) {
  return (
    <label style={{ display: 'flex', flexDirection: 'column', fontSize: '0.85em' }}>
      {props.label}
      <select name={props.name} defaultValue={props.value}>
        {props.any ? <option value="">{props.any}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}

type SelectSpec = {
  name: string
  label: string
  value: string
  any: string
  options: { value: string; label: string }[]
}

/** The selects, in the order shown (the partner filter only for staff, who see more than one partner). */
function selects(filters: ConsoleFilters, options: FilterOptions, l: Language): SelectSpec[] {
  const named = (list: { id: number; name: string }[]) =>
    list.map((item) => ({ value: String(item.id), label: item.name }))
  const any = WORDS.any[l]
  const ack = filters.acknowledged === null ? '' : filters.acknowledged ? 'yes' : 'no'
  const specs: (SelectSpec | null)[] = [
    {
      name: 'state',
      label: WORDS.state[l],
      value: filters.state,
      any: '',
      options: (['active', 'recent', 'all'] as const).map((value) => ({ value, label: WORDS[value][l] })),
    },
    {
      name: 'severity',
      label: WORDS.severity[l],
      value: filters.severity ?? '',
      any,
      options: SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value][l] })),
    },
    { name: 'model', label: WORDS.model[l], value: String(filters.model ?? ''), any, options: named(options.models) },
    options.partners.length
      ? {
          name: 'partner',
          label: WORDS.partner[l],
          value: String(filters.partner ?? ''),
          any,
          options: named(options.partners),
        }
      : null,
    {
      name: 'region',
      label: WORDS.region[l],
      value: String(filters.region ?? ''),
      any,
      options: named(options.regions),
    },
    {
      name: 'ack',
      label: WORDS.ack[l],
      value: ack,
      any,
      options: [
        { value: 'no', label: WORDS.no[l] },
        { value: 'yes', label: WORDS.yes[l] },
      ],
    },
    {
      name: 'age',
      label: WORDS.age[l],
      value: String(filters.olderThanMinutes ?? ''),
      any,
      options: AGES.map((age) => ({ value: String(age.minutes), label: age[l] })),
    },
  ]
  return specs.filter((spec): spec is SelectSpec => spec !== null)
}

export function AlarmConsoleFilters(props: { filters: ConsoleFilters; options: FilterOptions; language: Language }) {
  const { filters, options, language: l } = props
  const style = {
    display: 'flex',
    flexWrap: 'wrap' as const,
    gap: 'calc(var(--base) / 2)',
    alignItems: 'end',
    marginBottom: 'var(--base)',
  }
  return (
    <form method="get" className="alarm-filters" style={style}>
      {selects(filters, options, l).map((spec) => (
        <Select key={spec.name} {...spec} />
      ))}
      <label style={{ display: 'flex', flexDirection: 'column', fontSize: '0.85em' }}>
        {WORDS.code[l]}
        <input name="code" defaultValue={filters.code ?? ''} size={8} />
      </label>
      <button type="submit" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }}>
        {WORDS.apply[l]}
      </button>
    </form>
  )
}
