'use client'
// The console's alarms, worst and oldest first, with a box on each to acknowledge many at once with a comment
// (POST /api/alarms/acknowledge); the page is read again after, so counts and rows show the change.
import { useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { ageMinutes, formatAge, SEVERITY_COLOURS, SEVERITY_LABELS } from '../domain/alarms'
import type { ConsoleRow } from '../services/alarm-console'

type Language = 'ru' | 'en'

const WORDS = {
  none: { ru: 'Аварий нет', en: 'No alarms' },
  shown: { ru: 'Показано', en: 'Showing' },
  of: { ru: 'из', en: 'of' },
  columns: {
    ru: ['Важность', 'Насос', 'Код', 'Текст', 'Модель', 'Партнёр', 'Регион', 'Возраст', 'Квитирование'],
    en: ['Severity', 'Pump', 'Code', 'Text', 'Model', 'Partner', 'Region', 'Age', 'Acknowledged'],
  },
  comment: { ru: 'Комментарий', en: 'Comment' },
  acknowledge: { ru: 'Квитировать выбранные', en: 'Acknowledge selected' },
  done: { ru: 'Квитировано', en: 'Acknowledged' },
  cleared: { ru: 'снята', en: 'cleared' },
}

function Row({
  row,
  language,
  checked,
  toggle,
}: {
  row: ConsoleRow
  language: Language
  checked: boolean
  toggle: () => void
}) {
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const age = formatAge(ageMinutes(new Date(row.raisedAt), new Date()), language)
  return (
    <tr className="alarm-row" data-alarm={row.id} data-severity={row.severity}>
      <td>
        <input
          type="checkbox"
          checked={checked}
          onChange={toggle}
          disabled={Boolean(row.acknowledgedAt)}
          aria-label={`${row.code} ${row.pump.serial}`}
        />
      </td>
      <td style={{ color: SEVERITY_COLOURS[row.severity], fontWeight: 600 }}>
        {SEVERITY_LABELS[row.severity][language]}
      </td>
      <td>
        <a href={`${admin}/collections/pumps/${row.pump.id}`}>{row.pump.serial}</a>
      </td>
      <td>{row.code}</td>
      <td>{row.text}</td>
      <td>{row.pump.model}</td>
      <td>{row.pump.partner}</td>
      <td>{row.pump.region}</td>
      <td>
        {age}
        {row.clearedAt ? ` · ${WORDS.cleared[language]}` : ''}
      </td>
      <td className="alarm-ack">{row.acknowledgedAt ? `✓ ${row.comment ?? ''}` : '—'}</td>
    </tr>
  )
}

/** The selection, the comment and the acknowledgement request, with its answer in the reader's language. */
function useAcknowledge(language: Language) {
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const [comment, setComment] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const toggle = (id: number) =>
    setSelected((before) => {
      const next = new Set(before)
      if (!next.delete(id)) next.add(id)
      return next
    })
  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      const response = await fetch(`${serverURL ?? ''}${api}/alarms/acknowledge`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: JSON.stringify({ ids: [...selected], comment }),
      })
      const body = (await response.json().catch(() => ({}))) as {
        acknowledged?: number[]
        errors?: { message: string }[]
      }
      if (!response.ok) return setMessage({ ok: false, text: body.errors?.[0]?.message ?? String(response.status) })
      setMessage({ ok: true, text: `${WORDS.done[language]}: ${body.acknowledged?.length ?? 0}` })
      setSelected(new Set())
      setComment('')
      router.refresh()
    } finally {
      setBusy(false)
    }
  }
  return { selected, toggle, comment, setComment, message, busy, submit }
}

/** What the last acknowledgement answered. */
function Message({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null
  return (
    <p className="alarm-message" role="status" style={{ color: message.ok ? 'inherit' : 'var(--theme-error-500)' }}>
      {message.text}
    </p>
  )
}

export function AlarmConsoleTable({
  rows,
  language,
  total,
}: {
  rows: ConsoleRow[]
  language: Language
  total: number
}) {
  const { selected, toggle, comment, setComment, message, busy, submit } = useAcknowledge(language)
  if (!rows.length) return <p className="alarm-empty">{WORDS.none[language]}</p>
  return (
    <form className="alarm-acknowledge" onSubmit={submit}>
      <p>{`${WORDS.shown[language]} ${rows.length} ${WORDS.of[language]} ${total}`}</p>
      <table className="table alarm-table" style={{ width: '100%' }}>
        <thead>
          <tr>
            <th />
            {WORDS.columns[language].map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row
              key={row.id}
              row={row}
              language={language}
              checked={selected.has(row.id)}
              toggle={() => toggle(row.id)}
            />
          ))}
        </tbody>
      </table>
      <div style={{ display: 'flex', gap: 'var(--base)', alignItems: 'end', marginTop: 'var(--base)' }}>
        <label style={{ display: 'flex', flexDirection: 'column', flex: 1 }}>
          {WORDS.comment[language]}
          <textarea
            name="comment"
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            rows={2}
            maxLength={2000}
          />
        </label>
        <button
          type="submit"
          className="btn btn--style-primary"
          disabled={busy || selected.size === 0}
          style={{ margin: 0 }}
        >
          {WORDS.acknowledge[language]}
        </button>
      </div>
      <Message message={message} />
    </form>
  )
}
