'use client'
// One field of the status dialog, with its error beside it. Inputs are named `data.<field>` (what the request's `data`
// carries), so the pump's own password can never be confused with the caller's confirming password.
import type { CSSProperties, ReactNode } from 'react'

import type { TransitionOffer } from '../services/lifecycle'
import { formatDateTime } from './format'
import type { PumpZone } from './pump-zone'

type OfferField = TransitionOffer['fields'][number]

export const DIALOG_TEXT = {
  en: {
    noModels: 'There are no models yet: create the model first, then come back to this card.',
    createModel: 'Create a model',
    datePlaceholder: 'dd.mm.yyyy hh:mm',
    badDate: 'Enter the date as dd.mm.yyyy hh:mm, e.g. 28.11.2026 14:30',
  },
  ru: {
    noModels: 'Моделей пока нет: сначала создайте модель, затем вернитесь к этой карточке.',
    createModel: 'Создать модель',
    datePlaceholder: 'дд.мм.гггг чч:мм',
    badDate: 'Введите дату в виде дд.мм.гггг чч:мм, например 28.11.2026 14:30',
  },
}

export const inputStyle: CSSProperties = {
  width: '100%',
  padding: '8px 10px',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-text)',
  font: 'inherit',
}
export const fieldStyle: CSSProperties = { display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 14 }
export const errorStyle: CSSProperties = { color: 'var(--theme-error-500)', fontSize: '0.9em' }

/** The request path of a transition field: what the server names in a 400 (`data.model`). */
export const dataPath = (name: string) => `data.${name}`

/** The message under a field, when the server named it. */
export function FieldError({ message, path }: { message?: string; path: string }) {
  if (!message) return null
  return (
    <span className="status-transition__field-error" data-path={path} role="alert" style={errorStyle}>
      {message}
    </span>
  )
}

function input(field: OfferField, adminRoute: string, language: 'en' | 'ru', zone: PumpZone): ReactNode {
  const name = dataPath(field.name)
  if (field.type === 'textarea') return <textarea id={name} name={name} rows={3} style={inputStyle} />
  if (field.type === 'model') {
    if (!field.options?.length) {
      return (
        <p className="status-transition__no-models" style={{ margin: 0 }}>
          {DIALOG_TEXT[language].noModels}{' '}
          <a href={`${adminRoute}/collections/models/create`}>{DIALOG_TEXT[language].createModel}</a>
        </p>
      )
    }
    return (
      <select defaultValue={String(field.defaultValue ?? '')} id={name} name={name} style={inputStyle}>
        <option value="">—</option>
        {field.options.map((option) => (
          <option key={option.value} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    )
  }
  if (field.type === 'date') {
    // Typed as the admin writes dates everywhere, on the pump's clock (a browser's date input follows its own locale).
    return (
      <>
        <input
          autoComplete="off"
          defaultValue={formatDateTime(field.defaultValue as string | null, zone.zone)}
          id={name}
          inputMode="numeric"
          name={name}
          placeholder={DIALOG_TEXT[language].datePlaceholder}
          style={inputStyle}
          type="text"
        />
        <small className="status-transition__zone">{zone.note}</small>
      </>
    )
  }
  return <input autoComplete="off" defaultValue="" id={name} name={name} style={inputStyle} type="text" />
}

export function TransitionField(props: {
  field: OfferField
  error?: string
  adminRoute: string
  language: 'en' | 'ru'
  zone: PumpZone
}) {
  const { field, error, adminRoute, language, zone } = props
  const path = dataPath(field.name)
  return (
    <div className={`status-transition__field status-transition__field--${field.name}`} style={fieldStyle}>
      <label htmlFor={path}>
        {field.label}
        {field.required ? ' *' : ''}
      </label>
      {input(field, adminRoute, language, zone)}
      {field.description ? <small>{field.description}</small> : null}
      <FieldError message={error} path={path} />
    </div>
  )
}
