'use client'
// A batch transition: pasted serials, the status to move them to with that move's fields, one password →
// POST /api/pumps/batch. All or nothing: a refusal lists each pump that cannot move and why.
import { Button, useConfig, useTranslation } from '@payloadcms/ui'
import { useSearchParams } from 'next/navigation'
import { useEffect, useState, type FormEvent } from 'react'

import {
  LIFECYCLE_FIELD_LABELS,
  STATUS_LABELS,
  type PumpStatus,
  type TransitionFieldName,
} from '../../domain/lifecycle'
import { inputStyle, labelStyle, ProblemList, problemLines, sectionStyle, type Answer } from './styles'

const TEXT = {
  en: {
    title: 'Move pumps in a batch',
    serials: 'Serial numbers (one per line, or pasted from a spreadsheet column)',
    to: 'Move to',
    comment: 'Comment',
    password: 'Your password',
    submit: 'Move all',
    working: 'Moving the pumps…',
    failed: 'Nothing was moved',
  },
  ru: {
    title: 'Пакетный переход',
    serials: 'Серийные номера (по одному в строке или столбец из таблицы)',
    to: 'Перевести в',
    comment: 'Комментарий',
    password: 'Ваш пароль',
    submit: 'Перевести все',
    working: 'Переводим насосы…',
    failed: 'Ничего не изменено',
  },
}

/** The moves a batch makes and the text each asks for (dates are the moment of the move). */
const TARGETS: Record<string, TransitionFieldName[]> = {
  released: [],
  shipped: ['consignee', 'waybillNumber'],
  in_operation: [],
  in_service: ['serviceReason'],
  decommissioned: ['decommissioningReason'],
}

function useBatchSubmit(language: 'en' | 'ru') {
  const { config } = useConfig()
  const [working, setWorking] = useState(false)
  const [problems, setProblems] = useState<string[]>([])
  const [message, setMessage] = useState<string | null>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const to = String(form.get('to'))
    const data = Object.fromEntries(TARGETS[to].map((name) => [name, form.get(name)]))
    setWorking(true)
    setProblems([])
    setMessage(null)
    try {
      const response = await fetch(`${config.serverURL ?? ''}${config.routes.api}/pumps/batch`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: JSON.stringify({
          serials: form.get('serials'),
          to,
          data,
          comment: form.get('comment'),
          password: form.get('password'),
        }),
      })
      const answer = (await response.json().catch(() => ({}))) as Answer
      if (response.ok) setMessage(answer.message ?? '')
      else setProblems(problemLines(answer, TEXT[language].failed))
    } catch (error) {
      setProblems([`${TEXT[language].failed}: ${(error as Error).message}`])
    } finally {
      setWorking(false)
    }
  }
  return { working, problems, message, submit }
}

/** The serials of the pumps ticked in the pump list (`?pumps=<ids>`), to start the form with. */
function useSelectedSerials(): [string, (serials: string) => void] {
  const { config } = useConfig()
  const ids = useSearchParams().get('pumps')
  const [serials, setSerials] = useState('')
  useEffect(() => {
    const list = (ids ?? '').split(',').filter((id) => /^\d+$/.test(id))
    if (!list.length) return
    const query = `where[id][in]=${list.join(',')}&limit=${list.length}&depth=0&select[serial]=true`
    fetch(`${config.serverURL ?? ''}${config.routes.api}/pumps?${query}`, { credentials: 'include' })
      .then((response) => response.json())
      .then((answer: { docs?: { serial: string }[] }) =>
        setSerials((answer.docs ?? []).map((doc) => doc.serial).join('\n')),
      )
      .catch(() => {})
  }, [ids, config.serverURL, config.routes.api])
  return [serials, setSerials]
}

function TextField({ name, label }: { name: string; label: string }) {
  return (
    <label style={labelStyle}>
      <span>{label}</span>
      <input autoComplete="off" name={name} style={inputStyle} type="text" />
    </label>
  )
}

export function BatchForm() {
  const { i18n } = useTranslation()
  const language = i18n.language === 'ru' ? 'ru' : 'en'
  const text = TEXT[language]
  const [to, setTo] = useState('released')
  const { working, problems, message, submit } = useBatchSubmit(language)
  const [serials, setSerials] = useSelectedSerials()
  return (
    <section className="factory-batch" style={sectionStyle}>
      <h2>{text.title}</h2>
      <form onSubmit={submit}>
        <label style={labelStyle}>
          <span>{text.serials} *</span>
          <textarea
            name="serials"
            onChange={(event) => setSerials(event.target.value)}
            rows={6}
            style={inputStyle}
            value={serials}
          />
        </label>
        <label style={labelStyle}>
          <span>{text.to} *</span>
          <select name="to" onChange={(event) => setTo(event.target.value)} style={inputStyle} value={to}>
            {Object.keys(TARGETS).map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status as PumpStatus][language]}
              </option>
            ))}
          </select>
        </label>
        {TARGETS[to].map((name) => (
          <TextField key={name} label={`${LIFECYCLE_FIELD_LABELS[name][language]} *`} name={name} />
        ))}
        <TextField label={text.comment} name="comment" />
        <label style={labelStyle}>
          <span>{text.password} *</span>
          <input autoComplete="current-password" name="password" required style={inputStyle} type="password" />
        </label>
        {working ? <p className="factory-batch__progress">{text.working}</p> : null}
        {message ? (
          <p className="factory-batch__done" role="status">
            {message}
          </p>
        ) : null}
        <ProblemList className="factory-batch__problems" lines={problems} />
        <Button buttonStyle="primary" disabled={working} margin={false} type="submit">
          {text.submit}
        </Button>
      </form>
    </section>
  )
}
