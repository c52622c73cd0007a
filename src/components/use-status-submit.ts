'use client'
// The status dialog's submit: reads the form, refuses a bad date before sending, posts the change, and keeps each
// refusal beside its field. The component only renders what this returns.
import { useCallback, useState, type FormEvent } from 'react'

import { DIALOG_TEXT } from './TransitionField'
import { splitErrors, statusRequest, type Dialog, type ErrorBody } from './status-request'

export type Secrets = { password?: string; deviceKey?: string }

type Answer = ErrorBody & { generatedPassword?: string; generatedDeviceKey?: string }

export function useStatusSubmit(options: { url: string; language: 'en' | 'ru'; failed: string; zone: string | null }) {
  const { url, language, failed, zone } = options
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [secrets, setSecrets] = useState<Secrets | null>(null)

  const reset = useCallback(() => {
    setFieldErrors({})
    setFormError(null)
    setSecrets(null)
  }, [])

  const submit = useCallback(
    async (dialog: Dialog, event: FormEvent<HTMLFormElement>) => {
      // The card itself is Payload's form: this one must neither submit natively nor reach it.
      event.preventDefault()
      event.stopPropagation()
      const request = statusRequest(dialog, new FormData(event.currentTarget), zone, DIALOG_TEXT[language].badDate)
      setFieldErrors(request.invalid)
      setFormError(null)
      if (Object.keys(request.invalid).length) return
      setSaving(true)
      try {
        const response = await fetch(`${url}/${request.path}`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
          body: JSON.stringify(request.body),
        })
        const answer = (await response.json().catch(() => ({}))) as Answer
        if (!response.ok) {
          const errors = splitErrors(dialog, answer, failed)
          setFieldErrors(errors.fields)
          setFormError(errors.message)
        } else if (answer.generatedPassword || answer.generatedDeviceKey) {
          setSecrets({ password: answer.generatedPassword, deviceKey: answer.generatedDeviceKey })
        } else window.location.reload()
      } catch (error) {
        setFormError(`${failed}: ${(error as Error).message}`)
      } finally {
        setSaving(false)
      }
    },
    [failed, language, url, zone],
  )

  return { fieldErrors, formError, saving, secrets, submit, reset }
}
