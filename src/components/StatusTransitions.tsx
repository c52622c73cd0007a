'use client'
// Beside the status in the pump card: "Next status: …" (and "Put into operation"), and for administrators
// "Set status…". The buttons and the dialog's fields come from GET /api/pumps/:id/transitions, so the server's table
// is the only place that says what a transition asks for. Partners and owners get no buttons.
import { Button, useConfig, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState, type CSSProperties, type FormEvent } from 'react'
import { createPortal } from 'react-dom'

import type { TransitionOffer, TransitionsAnswer } from '../services/lifecycle'

const TEXT = {
  en: {
    setStatus: 'Set status…',
    newStatus: 'New status',
    comment: 'Comment',
    yourPassword: 'Your password (confirms the change)',
    confirm: 'Confirm',
    cancel: 'Cancel',
    saving: 'Saving…',
    done: 'Done',
    generated: 'Shown only now: write them down.',
    pumpPassword: 'Pump password (print it on the label)',
    deviceKey: 'Modem device key (its MQTT password: enter it in the modem)',
    failed: 'The status was not changed',
  },
  ru: {
    setStatus: 'Установить статус…',
    newStatus: 'Новый статус',
    comment: 'Комментарий',
    yourPassword: 'Ваш пароль (подтверждение)',
    confirm: 'Подтвердить',
    cancel: 'Отмена',
    saving: 'Сохранение…',
    done: 'Готово',
    generated: 'Показаны только сейчас: запишите их.',
    pumpPassword: 'Пароль насоса (напечатайте на этикетке)',
    deviceKey: 'Ключ модема (его пароль MQTT: введите в модем)',
    failed: 'Статус не изменён',
  },
}

type Dialog = { kind: 'advance'; offer: TransitionOffer } | { kind: 'setStatus' }

type ErrorBody = {
  errors?: {
    message?: string
    data?: { errors?: { path: string; message: string }[] }
  }[]
}

/** `datetime-local` wants local time without a zone. */
function localInputValue(iso: string | number | null | undefined): string {
  if (typeof iso !== 'string' || !iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

const inputStyle: CSSProperties = {
  width: '100%',
  padding: '8px 10px',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-text)',
  font: 'inherit',
}
const fieldStyle: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: 4,
  marginBottom: 14,
}
const errorStyle: CSSProperties = {
  color: 'var(--theme-error-500)',
  fontSize: '0.9em',
}

export function StatusTransitions() {
  const { id } = useDocumentInfo()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const { i18n } = useTranslation()
  const language = i18n.language === 'ru' ? 'ru' : 'en'
  const text = TEXT[language]
  const [offer, setOffer] = useState<TransitionsAnswer | null>(null)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [secrets, setSecrets] = useState<{ password?: string; deviceKey?: string } | null>(null)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const url = `${serverURL ?? ''}${api}/pumps/${id}`

  useEffect(() => {
    if (!id) return
    let cancelled = false
    fetch(`${url}/transitions`, {
      credentials: 'include',
      headers: { 'Accept-Language': language },
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: TransitionsAnswer | null) => !cancelled && setOffer(body))
      .catch(() => !cancelled && setOffer(null))
    return () => {
      cancelled = true
    }
  }, [id, url, language])

  useEffect(() => {
    if (dialog) dialogRef.current?.showModal()
    else dialogRef.current?.close()
  }, [dialog])

  const open = useCallback((next: Dialog) => {
    setFieldErrors({})
    setFormError(null)
    setSecrets(null)
    setDialog(next)
  }, [])

  const submit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      // The card itself is Payload's form: this one must neither submit natively nor reach it.
      event.preventDefault()
      event.stopPropagation()
      if (!dialog) return
      const form = new FormData(event.currentTarget)
      const value = (name: string) => {
        const entry = form.get(name)
        return typeof entry === 'string' ? entry : ''
      }
      let path: string
      let body: Record<string, unknown>
      if (dialog.kind === 'advance') {
        const data: Record<string, unknown> = {}
        for (const field of dialog.offer.fields) {
          const raw = value(field.name)
          if (raw === '') continue
          data[field.name] = field.type === 'date' ? new Date(raw).toISOString() : raw
        }
        path = 'advance'
        body = {
          to: dialog.offer.to,
          data,
          comment: value('comment'),
          password: value('password'),
        }
      } else {
        path = 'set-status'
        body = {
          status: value('status'),
          comment: value('comment'),
          password: value('password'),
        }
      }
      setSaving(true)
      setFieldErrors({})
      setFormError(null)
      try {
        const response = await fetch(`${url}/${path}`, {
          method: 'POST',
          credentials: 'include',
          headers: {
            'Content-Type': 'application/json',
            'Accept-Language': language,
          },
          body: JSON.stringify(body),
        })
        const answer = (await response.json().catch(() => ({}))) as ErrorBody & {
          generatedPassword?: string
          generatedDeviceKey?: string
        }
        if (!response.ok) {
          const errors: Record<string, string> = {}
          for (const item of answer.errors?.[0]?.data?.errors ?? [])
            errors[item.path.replace(/^data\./, '')] = item.message
          setFieldErrors(errors)
          setFormError(Object.keys(errors).length ? text.failed : (answer.errors?.[0]?.message ?? text.failed))
          return
        }
        if (answer.generatedPassword || answer.generatedDeviceKey) {
          setSecrets({ password: answer.generatedPassword, deviceKey: answer.generatedDeviceKey })
        } else window.location.reload()
      } catch (error) {
        setFormError(`${text.failed}: ${(error as Error).message}`)
      } finally {
        setSaving(false)
      }
    },
    [dialog, language, text, url],
  )

  if (!offer || (offer.transitions.length === 0 && !offer.setStatus)) return null

  const fieldError = (name: string) =>
    fieldErrors[name] ? (
      <span className="status-transition__field-error" style={errorStyle}>
        {fieldErrors[name]}
      </span>
    ) : null

  return (
    <div
      className="status-transitions"
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'flex-start',
        gap: 8,
        marginBottom: 'var(--base)',
      }}
    >
      {offer.transitions.map((transition) => (
        <Button
          key={transition.to}
          buttonStyle={transition.action === 'advance' ? 'primary' : 'secondary'}
          className={`status-transition status-transition--${transition.action}`}
          margin={false}
          onClick={() => open({ kind: 'advance', offer: transition })}
          size="medium"
          type="button"
        >
          {transition.label}
        </Button>
      ))}
      {offer.setStatus ? (
        <Button
          buttonStyle="subtle"
          className="status-transition status-transition--set-status"
          margin={false}
          onClick={() => open({ kind: 'setStatus' })}
          size="medium"
          type="button"
        >
          {text.setStatus}
        </Button>
      ) : null}

      {/* In a portal: a form nested in the card's form is invalid HTML and submits the wrong way. */}
      {createPortal(
        <dialog
          aria-labelledby="status-transition-title"
          className="status-transition__dialog"
          onClose={() => setDialog(null)}
          ref={dialogRef}
          style={{
            width: 'min(520px, 92vw)',
            padding: 24,
            border: '1px solid var(--theme-elevation-150)',
            borderRadius: 'var(--style-radius-m)',
            background: 'var(--theme-elevation-0)',
            color: 'var(--theme-text)',
          }}
        >
          {dialog && secrets ? (
            <div>
              <h3 id="status-transition-title">{text.generated}</h3>
              {(
                [
                  ['password', text.pumpPassword, secrets.password],
                  ['device-key', text.deviceKey, secrets.deviceKey],
                ] as const
              ).map(([name, label, value]) =>
                value ? (
                  <div key={name} style={{ margin: '16px 0' }}>
                    <div>{label}</div>
                    <p
                      className={`status-transition__generated-${name}`}
                      style={{ fontFamily: 'monospace', fontSize: '1.4em', letterSpacing: '0.06em', margin: '4px 0' }}
                    >
                      {value}
                    </p>
                  </div>
                ) : null,
              )}
              <Button buttonStyle="primary" margin={false} onClick={() => window.location.reload()} type="button">
                {text.done}
              </Button>
            </div>
          ) : dialog ? (
            <form onSubmit={submit} noValidate>
              <h3 id="status-transition-title" style={{ marginTop: 0 }}>
                {dialog.kind === 'advance' ? dialog.offer.label : text.setStatus}
              </h3>
              {dialog.kind === 'advance' ? (
                dialog.offer.fields.map((field) => (
                  <label key={field.name} style={fieldStyle}>
                    <span>
                      {field.label}
                      {field.required ? ' *' : ''}
                    </span>
                    {field.type === 'textarea' ? (
                      <textarea name={field.name} rows={3} style={inputStyle} />
                    ) : field.type === 'model' ? (
                      <select defaultValue={String(field.defaultValue ?? '')} name={field.name} style={inputStyle}>
                        <option value="">—</option>
                        {field.options?.map((option) => (
                          <option key={option.value} value={String(option.value)}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        autoComplete="off"
                        defaultValue={field.type === 'date' ? localInputValue(field.defaultValue) : ''}
                        name={field.name}
                        style={inputStyle}
                        type={field.type === 'date' ? 'datetime-local' : 'text'}
                      />
                    )}
                    {field.description ? <small>{field.description}</small> : null}
                    {fieldError(field.name)}
                  </label>
                ))
              ) : (
                <label style={fieldStyle}>
                  <span>{text.newStatus} *</span>
                  <select name="status" style={inputStyle}>
                    {offer.setStatus?.statuses.map((status) => (
                      <option key={status.value} value={status.value}>
                        {status.label}
                      </option>
                    ))}
                  </select>
                  {fieldError('status')}
                </label>
              )}
              <label style={fieldStyle}>
                <span>{dialog.kind === 'setStatus' ? `${text.comment} *` : text.comment}</span>
                <textarea name="comment" rows={2} style={inputStyle} />
                {fieldError('comment')}
              </label>
              <label style={fieldStyle}>
                <span>{text.yourPassword} *</span>
                <input autoComplete="current-password" name="password" style={inputStyle} type="password" />
                {fieldError('password')}
              </label>
              {formError ? (
                <p className="status-transition__error" role="alert" style={errorStyle}>
                  {formError}
                </p>
              ) : null}
              <div style={{ display: 'flex', gap: 12, justifyContent: 'flex-end' }}>
                <Button buttonStyle="secondary" margin={false} onClick={() => setDialog(null)} type="button">
                  {text.cancel}
                </Button>
                <Button buttonStyle="primary" disabled={saving} margin={false} type="submit">
                  {saving ? text.saving : text.confirm}
                </Button>
              </div>
            </form>
          ) : null}
        </dialog>,
        document.body,
      )}
    </div>
  )
}
