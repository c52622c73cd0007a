// A model's telemetry schema: what each key its pumps send means (name ru/en, unit, kind, plausible range, decimals).
import type { Field } from 'payload'

import { TELEMETRY_KEY_PATTERN, TELEMETRY_KINDS } from '../src/domain/telemetry'

const KIND_LABELS = {
  number: { en: 'Number', ru: 'Число' },
  boolean: { en: 'Yes/no', ru: 'Да/нет' },
  enum: { en: 'List of states', ru: 'Список состояний' },
}

const ruEn = (name: string, label: { en: string; ru: string }, required = true): Field => ({
  name,
  type: 'group',
  label,
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'ru', type: 'text', required, label: { en: 'Russian', ru: 'По-русски' } },
        { name: 'en', type: 'text', required, label: { en: 'English', ru: 'По-английски' } },
      ],
    },
  ],
})

export const modelTelemetryField: Field = {
  name: 'telemetry',
  type: 'array',
  maxRows: 64,
  label: { en: 'Telemetry keys', ru: 'Параметры телеметрии' },
  labels: { singular: { en: 'Key', ru: 'Параметр' }, plural: { en: 'Keys', ru: 'Параметры' } },
  admin: { initCollapsed: true },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'key',
          type: 'text',
          required: true,
          label: { en: 'Key in the data message', ru: 'Ключ в сообщении данных' },
          validate: (value: unknown) =>
            typeof value === 'string' && TELEMETRY_KEY_PATTERN.test(value)
              ? true
              : 'A letter, then letters, digits, _ or . (at most 32) / Буква, затем буквы, цифры, _ или . (до 32)',
        },
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'number',
          label: { en: 'Kind', ru: 'Тип' },
          options: TELEMETRY_KINDS.map((value) => ({ value, label: KIND_LABELS[value] })),
        },
        { name: 'unit', type: 'text', label: { en: 'Unit', ru: 'Единица' } },
      ],
    },
    ruEn('name', { en: 'Name', ru: 'Название' }),
    {
      type: 'row',
      fields: [
        { name: 'min', type: 'number', label: { en: 'Plausible from', ru: 'Правдоподобно от' } },
        { name: 'max', type: 'number', label: { en: 'Plausible to', ru: 'Правдоподобно до' } },
        {
          name: 'decimals',
          type: 'number',
          min: 0,
          max: 6,
          defaultValue: 1,
          label: { en: 'Decimals shown', ru: 'Знаков после запятой' },
        },
      ],
    },
    {
      name: 'values',
      type: 'array',
      maxRows: 32,
      label: { en: 'States (for a list)', ru: 'Состояния (для списка)' },
      admin: { condition: (_, sibling) => sibling?.kind === 'enum' },
      fields: [
        { name: 'value', type: 'number', required: true, label: { en: 'Value', ru: 'Значение' } },
        ruEn('label', { en: 'Label', ru: 'Подпись' }),
      ],
    },
  ],
}
