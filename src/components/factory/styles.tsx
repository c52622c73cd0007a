// What the factory's two forms share: their section's width, the server's answer, and the list of its refusals.
import type { CSSProperties } from 'react'

import { errorStyle } from '../form-styles'

export { errorStyle, inputStyle, labelStyle } from '../form-styles'

export const sectionStyle: CSSProperties = { maxWidth: 640, marginBottom: 48 }

export type Answer = {
  message?: string
  errors?: {
    message?: string
    data?: { errors?: { path: string; message: string }[]; pumps?: { serial: string; reason: string }[] }
  }[]
}

/** Every line a refusal carries: the message, then each field's or pump's problem. */
export function problemLines(answer: Answer, fallback: string): string[] {
  const error = answer.errors?.[0]
  const details = [
    ...(error?.data?.errors ?? []).map((item) => item.message),
    ...(error?.data?.pumps ?? []).map((pump) => `${pump.serial}: ${pump.reason}`),
  ]
  return [error?.message ?? fallback, ...details]
}

/** The refusal's lines as an alert list (nothing when there are none). */
export function ProblemList({ className, lines }: { className: string; lines: string[] }) {
  if (lines.length === 0) return null
  return (
    <ul className={className} role="alert" style={errorStyle}>
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  )
}
