'use client'
// Serial, partner ID and the password printed on the pump → POST /api/pumps/register; on success the pump's card
// opens for the installation details.
import { Button, useConfig, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'

import { errorStyle, inputStyle, labelStyle } from './form-styles'

const TEXT = {
  en: {
    intro:
      'Enter what is printed on the pump’s label and your company’s partner ID. The pump is then yours to install.',
    serial: 'Serial number',
    partnerId: 'Partner ID',
    partnerIdHint: 'Your company’s ID, e.g. P-12345',
    password: 'Pump password (from the label)',
    submit: 'Register',
    saving: 'Checking…',
    failed: 'The pump was not registered',
  },
  ru: {
    intro: 'Введите данные с этикетки насоса и ID партнёра вашей компании. После этого насос закрепляется за вами.',
    serial: 'Серийный номер',
    partnerId: 'ID партнёра',
    partnerIdHint: 'ID вашей компании, например P-12345',
    password: 'Пароль насоса (с этикетки)',
    submit: 'Зарегистрировать',
    saving: 'Проверка…',
    failed: 'Насос не зарегистрирован',
  },
}

type Answer = {
  doc?: { id: number }
  errors?: { message?: string; data?: { errors?: { path: string; message: string }[] } }[]
}

type RegisterText = (typeof TEXT)['en']

/** Posts the form to POST /api/pumps/register; on success opens the pump's card, otherwise keeps each refusal. */
function useRegisterSubmit(language: 'en' | 'ru', text: RegisterText) {
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [saving, setSaving] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setSaving(true)
    setFieldErrors({})
    setFormError(null)
    try {
      const response = await fetch(`${serverURL ?? ''}${api}/pumps/register`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: JSON.stringify({
          serial: form.get('serial'),
          partnerId: form.get('partnerId'),
          password: form.get('password'),
        }),
      })
      const answer = (await response.json().catch(() => ({}))) as Answer
      if (response.ok && answer.doc) {
        router.push(`${admin}/collections/pumps/${answer.doc.id}`)
        return
      }
      const errors: Record<string, string> = {}
      for (const item of answer.errors?.[0]?.data?.errors ?? []) errors[item.path] = item.message
      setFieldErrors(errors)
      setFormError(Object.keys(errors).length ? text.failed : (answer.errors?.[0]?.message ?? text.failed))
    } catch (error) {
      setFormError(`${text.failed}: ${(error as Error).message}`)
    } finally {
      setSaving(false)
    }
  }
  return { saving, fieldErrors, formError, submit }
}

/** One labelled input, with its hint and the server's refusal beside it. */
function RegisterField(props: {
  name: 'serial' | 'partnerId' | 'password'
  label: string
  hint?: string
  error?: string
}) {
  const { name, label, hint, error } = props
  return (
    <label style={labelStyle}>
      <span>{label} *</span>
      <input autoComplete="off" name={name} required style={inputStyle} type="text" />
      {hint ? <small>{hint}</small> : null}
      {error ? <span style={errorStyle}>{error}</span> : null}
    </label>
  )
}

export function RegisterPumpForm() {
  const { i18n } = useTranslation()
  const language = i18n.language === 'ru' ? 'ru' : 'en'
  const text = TEXT[language]
  const { saving, fieldErrors, formError, submit } = useRegisterSubmit(language, text)

  return (
    <form className="register-pump-form" onSubmit={submit} style={{ maxWidth: 520 }}>
      <p style={{ marginBottom: 24 }}>{text.intro}</p>
      <RegisterField error={fieldErrors.serial} label={text.serial} name="serial" />
      <RegisterField error={fieldErrors.partnerId} hint={text.partnerIdHint} label={text.partnerId} name="partnerId" />
      <RegisterField error={fieldErrors.password} label={text.password} name="password" />
      {formError ? (
        <p className="register-pump-form__error" role="alert" style={errorStyle}>
          {formError}
        </p>
      ) : null}
      <Button buttonStyle="primary" disabled={saving} margin={false} type="submit">
        {saving ? text.saving : text.submit}
      </Button>
    </form>
  )
}
