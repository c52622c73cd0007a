'use client'
// What the status dialog shows: the transition's fields (or the administrator's "Set status…"), the comment and the
// caller's password, each error beside its field; after a produce, the generated secrets, once.
import { Button } from '@payloadcms/ui'
import type { FormEvent } from 'react'

import type { TransitionsAnswer } from '../services/lifecycle'
import type { PumpZone } from './pump-zone'
import type { Dialog } from './status-request'
import { dataPath, errorStyle, FieldError, fieldStyle, inputStyle, TransitionField } from './TransitionField'
import type { Secrets } from './use-status-submit'

export const STATUS_TEXT = {
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

type Text = (typeof STATUS_TEXT)['en']

/** The secrets a produce generated, shown once; "Done" reloads the card. */
export function GeneratedSecrets({ secrets, text }: { secrets: Secrets; text: Text }) {
  const rows = [
    ['password', text.pumpPassword, secrets.password],
    ['device-key', text.deviceKey, secrets.deviceKey],
  ] as const
  return (
    <div>
      <h3 id="status-transition-title">{text.generated}</h3>
      {rows.map(([name, label, value]) =>
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
  )
}

export function StatusForm(props: {
  dialog: Dialog
  offer: TransitionsAnswer
  adminRoute: string
  language: 'en' | 'ru'
  zone: PumpZone
  fieldErrors: Record<string, string>
  formError: string | null
  saving: boolean
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  onCancel: () => void
}) {
  const { dialog, offer, adminRoute, language, zone, fieldErrors, formError, saving } = props
  const text = STATUS_TEXT[language]
  return (
    <form onSubmit={props.onSubmit} noValidate>
      <h3 id="status-transition-title" style={{ marginTop: 0 }}>
        {dialog.kind === 'advance' ? dialog.offer.label : text.setStatus}
      </h3>
      {dialog.kind === 'advance' ? (
        dialog.offer.fields.map((field) => (
          <TransitionField
            adminRoute={adminRoute}
            error={fieldErrors[dataPath(field.name)]}
            field={field}
            key={field.name}
            language={language}
            zone={zone}
          />
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
          <FieldError message={fieldErrors.status} path="status" />
        </label>
      )}
      <ConfirmFields
        commentRequired={dialog.kind === 'setStatus'}
        fieldErrors={fieldErrors}
        formError={formError}
        onCancel={props.onCancel}
        saving={saving}
        text={text}
      />
    </form>
  )
}

/** The comment, the caller's password that confirms the change, what the server said, and the buttons. */
function ConfirmFields(props: {
  commentRequired: boolean
  fieldErrors: Record<string, string>
  formError: string | null
  saving: boolean
  text: Text
  onCancel: () => void
}) {
  const { commentRequired, fieldErrors, formError, saving, text } = props
  const fieldError = (path: string) => <FieldError message={fieldErrors[path]} path={path} />
  return (
    <>
      <label style={fieldStyle}>
        <span>{commentRequired ? `${text.comment} *` : text.comment}</span>
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
        <Button buttonStyle="secondary" margin={false} onClick={props.onCancel} type="button">
          {text.cancel}
        </Button>
        <Button buttonStyle="primary" disabled={saving} margin={false} type="submit">
          {saving ? text.saving : text.confirm}
        </Button>
      </div>
    </>
  )
}
