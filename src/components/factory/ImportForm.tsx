'use client'
// The import of produced pumps: a CSV or XLSX file and the user's password → POST /api/pumps/import, with the
// upload's progress and then the server's work shown; afterwards the label PDF (format chosen) and the flashing file,
// each downloadable once; a refused file lists every problem by row and column.
import { Button, useConfig, useTranslation } from '@payloadcms/ui'
import { useState, type FormEvent } from 'react'

import { inputStyle, labelStyle, ProblemList, problemLines, sectionStyle, type Answer } from './styles'

const TEXT = {
  en: {
    title: 'Import produced pumps',
    intro: 'A CSV or XLSX file with the columns serial, model (code), iccid, production date; optionally note.',
    file: 'File',
    password: 'Your password',
    submit: 'Import',
    uploading: 'Uploading',
    working: 'Checking every row and creating the pumps…',
    failed: 'Nothing was imported',
    format: 'Label size',
    labels: 'Download labels (PDF)',
    flashing: 'Download the flashing file (CSV)',
    once: 'Each file can be downloaded once.',
  },
  ru: {
    title: 'Импорт произведённых насосов',
    intro:
      'Файл CSV или XLSX со столбцами: серийный номер, модель (код), ICCID, дата производства; по желанию примечание.',
    file: 'Файл',
    password: 'Ваш пароль',
    submit: 'Импортировать',
    uploading: 'Загрузка',
    working: 'Проверяем каждую строку и создаём насосы…',
    failed: 'Ничего не импортировано',
    format: 'Размер этикеток',
    labels: 'Скачать этикетки (PDF)',
    flashing: 'Скачать файл для прошивки (CSV)',
    once: 'Каждый файл скачивается один раз.',
  },
}

const FORMATS = {
  'a4-3x8': { en: 'A4, 24 labels of 70×37 mm', ru: 'A4, 24 этикетки 70×37 мм' },
  'a4-2x7': { en: 'A4, 14 labels of 105×42.3 mm', ru: 'A4, 14 этикеток 105×42,3 мм' },
  'single-58x40': { en: 'Label printer, 58×40 mm', ru: 'Принтер этикеток, 58×40 мм' },
}

type Done = { message: string; labels: string; flashing: string }

/** Sends the form with XMLHttpRequest, which reports the upload's progress (fetch does not). */
function send(url: string, form: FormData, language: string, onProgress: (percent: number) => void) {
  return new Promise<{ ok: boolean; answer: Answer & Partial<Done> }>((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', url)
    request.withCredentials = true
    request.setRequestHeader('Accept-Language', language)
    request.upload.onprogress = (event) =>
      event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100))
    request.onload = () => {
      let answer: Answer & Partial<Done> = {}
      try {
        answer = JSON.parse(request.responseText)
      } catch {
        answer = { errors: [{ message: request.statusText }] }
      }
      resolve({ ok: request.status === 200, answer })
    }
    request.onerror = () => reject(new Error(request.statusText || 'network error'))
    request.send(form)
  })
}

function Downloads({ done, language }: { done: Done; language: 'en' | 'ru' }) {
  const text = TEXT[language]
  const [format, setFormat] = useState<keyof typeof FORMATS>('a4-3x8')
  return (
    <div className="factory-import__done" role="status">
      <p>{done.message}</p>
      <label style={labelStyle}>
        <span>{text.format}</span>
        <select
          name="format"
          onChange={(event) => setFormat(event.target.value as keyof typeof FORMATS)}
          style={inputStyle}
          value={format}
        >
          {Object.entries(FORMATS).map(([value, label]) => (
            <option key={value} value={value}>
              {label[language]}
            </option>
          ))}
        </select>
      </label>
      <p style={{ display: 'flex', gap: 24 }}>
        <a className="factory-import__labels" download href={`${done.labels}?format=${format}`}>
          {text.labels}
        </a>
        <a className="factory-import__flashing" download href={done.flashing}>
          {text.flashing}
        </a>
      </p>
      <small>{text.once}</small>
    </div>
  )
}

export function ImportForm() {
  const { i18n } = useTranslation()
  const { config } = useConfig()
  const language = i18n.language === 'ru' ? 'ru' : 'en'
  const text = TEXT[language]
  const [progress, setProgress] = useState<number | null>(null)
  const [problems, setProblems] = useState<string[]>([])
  const [done, setDone] = useState<Done | null>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setProblems([])
    setDone(null)
    setProgress(0)
    try {
      const url = `${config.serverURL ?? ''}${config.routes.api}/pumps/import`
      const { ok, answer } = await send(url, new FormData(event.currentTarget), language, setProgress)
      if (ok) setDone(answer as Done)
      else setProblems(problemLines(answer, text.failed))
    } catch (error) {
      setProblems([`${text.failed}: ${(error as Error).message}`])
    } finally {
      setProgress(null)
    }
  }

  return (
    <section className="factory-import" style={sectionStyle}>
      <h2>{text.title}</h2>
      <p>{text.intro}</p>
      <form onSubmit={submit}>
        <label style={labelStyle}>
          <span>{text.file} *</span>
          <input accept=".csv,.xlsx,text/csv" name="file" required style={inputStyle} type="file" />
        </label>
        <label style={labelStyle}>
          <span>{text.password} *</span>
          <input autoComplete="current-password" name="password" required style={inputStyle} type="password" />
        </label>
        {progress !== null ? (
          <p className="factory-import__progress">
            {progress < 100 ? `${text.uploading}: ${progress} %` : text.working} <progress max={100} value={progress} />
          </p>
        ) : null}
        <ProblemList className="factory-import__problems" lines={problems} />
        <Button buttonStyle="primary" disabled={progress !== null} margin={false} type="submit">
          {text.submit}
        </Button>
      </form>
      {done ? <Downloads done={done} language={language} /> : null}
    </section>
  )
}
