'use client'
// The open alarm records of one pump, for its card: fetched again whenever the card's active set changes.
import { useConfig } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { Severity } from '../domain/alarms'

export type OpenAlarm = {
  id: number
  code: string
  severity: Severity
  raisedAt: string
  acknowledgedAt?: string | null
  comment?: string | null
}

/** The pump's open records by code; empty until fetched (or when the reader may not see them). */
export function useOpenAlarms(pumpId: number | string | undefined | null, codesKey: string): Map<string, OpenAlarm> {
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const [records, setRecords] = useState<Map<string, OpenAlarm>>(new Map())
  useEffect(() => {
    if (pumpId === undefined || pumpId === null || pumpId === '') return
    let cancelled = false
    const query = `where[pump][equals]=${pumpId}&where[clearedAt][exists]=false&depth=0&limit=100`
    fetch(`${serverURL ?? ''}${api}/alarms?${query}`, { credentials: 'include' })
      .then((response) => (response.ok ? response.json() : { docs: [] }))
      .then((body: { docs?: OpenAlarm[] }) => {
        if (!cancelled) setRecords(new Map((body.docs ?? []).map((doc) => [doc.code, doc])))
      })
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [pumpId, codesKey, api, serverURL])
  return records
}
