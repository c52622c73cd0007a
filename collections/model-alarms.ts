// A pump model's alarm catalog: each code the model's controller sends, with its severity, its text in both
// languages, what to do, and the manual's page. Edited in the model's card or imported whole from CSV.
import type { ArrayField, Endpoint, Validate } from 'payload'

import { SEVERITIES, SEVERITY_LABELS } from '../src/domain/alarms'
import { importCatalogEndpoint } from '../src/endpoints/alarm-catalog'

/** Two rows with one code would leave the alarm's severity to chance. */
const uniqueCodes: Validate<unknown[]> = (value) => {
  const codes = (value ?? []).map((row) => (row as { code?: string }).code)
  const repeated = codes.find((code, index) => code && codes.indexOf(code) !== index)
  return repeated ? `${repeated}: the code is repeated / код повторяется` : true
}

export const alarmCatalogField: ArrayField = {
  name: 'alarmCatalog',
  type: 'array',
  label: { en: 'Alarm catalog', ru: 'Каталог аварий' },
  labels: { singular: { en: 'Alarm code', ru: 'Код аварии' }, plural: { en: 'Alarm codes', ru: 'Коды аварий' } },
  admin: {
    initCollapsed: true,
    description: {
      en: 'Import a CSV with POST /api/models/{id}/alarm-catalog (docs/alarms.md)',
      ru: 'Импорт CSV: POST /api/models/{id}/alarm-catalog (docs/alarms.md)',
    },
  },
  validate: uniqueCodes,
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'code', type: 'text', required: true, label: { en: 'Code', ru: 'Код' } },
        {
          name: 'severity',
          type: 'select',
          required: true,
          options: SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value] })),
          label: { en: 'Severity', ru: 'Важность' },
        },
        { name: 'manualPage', type: 'number', min: 1, label: { en: 'Manual page', ru: 'Страница руководства' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'textRu', type: 'text', required: true, label: { en: 'Text (Russian)', ru: 'Текст (рус.)' } },
        { name: 'textEn', type: 'text', required: true, label: { en: 'Text (English)', ru: 'Текст (англ.)' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'actionRu', type: 'textarea', label: { en: 'What to do (Russian)', ru: 'Что делать (рус.)' } },
        { name: 'actionEn', type: 'textarea', label: { en: 'What to do (English)', ru: 'Что делать (англ.)' } },
      ],
    },
  ],
}

export const alarmCatalogEndpoints: Endpoint[] = [importCatalogEndpoint]
