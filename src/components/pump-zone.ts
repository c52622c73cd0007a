'use client'
// Which clock a pump's dates are shown and typed in: the pump's own zone (from its region), else the browser's,
// and the words that say so beside them.
import { useFormFields, useTranslation } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { offsetLabel } from '../domain/timezone'

export type PumpZone = { zone: string | null; note: string }

/** The zone note: "время Europe/Moscow (UTC+3)" / "Europe/Moscow time (UTC+3)", or the browser's zone. */
export function zoneNote(zone: string, own: boolean, language: 'en' | 'ru', at = new Date()): string {
  const offset = offsetLabel(at, zone)
  if (language === 'ru') return own ? `время насоса: ${zone} (${offset})` : `ваше время: ${zone} (${offset})`
  return own ? `pump's time: ${zone} (${offset})` : `your time: ${zone} (${offset})`
}

/** The browser's zone, known only after the first render (the server renders in its own zone). */
export function useBrowserZone(): string | null {
  const [zone, setZone] = useState<string | null>(null)
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'), [])
  return zone
}

/** Inside the pump card: the pump's zone when its region gives one, else the browser's. */
export function usePumpZone(): PumpZone {
  const own = useFormFields(([fields]) => fields.timezone?.value) as string | null | undefined
  const browser = useBrowserZone()
  const { i18n } = useTranslation()
  const language = i18n.language === 'ru' ? 'ru' : 'en'
  const zone = own || browser
  return { zone, note: zone ? zoneNote(zone, Boolean(own), language) : '' }
}
