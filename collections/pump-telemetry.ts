// The pump card's telemetry: the latest value of each key (written by the ingestion's bulk statement, never by the
// API) and the panels that show it and its history.
import type { Field } from 'payload'

export const pumpTelemetryFields: Field[] = [
  {
    name: 'telemetryLatest',
    type: 'json',
    label: { en: 'Latest readings', ru: 'Последние показания' },
    access: { create: () => false, update: () => false },
    admin: {
      readOnly: true,
      components: { Field: '/src/components/TelemetryPanel#TelemetryPanel' },
    },
  },
]
