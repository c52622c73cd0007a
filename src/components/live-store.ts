'use client'
// One poll per open page for every pump it shows (the card's one, the list's rows): GET /api/pumps/live every
// LIVE_REFRESH_MS while the tab is visible, and at once when it becomes visible again. Components read from here
// and never touch the card's form, so what a user is typing is never replaced.
import { useConfig } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { LIVE_REFRESH_MS, MAX_LIVE_IDS, type LivePump } from '../domain/live'

type Listener = (pump: LivePump) => void

const listeners = new Map<string, Set<Listener>>()
const latest = new Map<string, LivePump>()
let endpoint = ''
let timer: ReturnType<typeof setTimeout> | null = null
let polling = false

async function poll(): Promise<void> {
  timer = null
  if (polling || listeners.size === 0) return
  if (document.visibilityState !== 'visible') return schedule()
  polling = true
  try {
    const ids = [...listeners.keys()].slice(0, MAX_LIVE_IDS)
    const response = await fetch(`${endpoint}?ids=${ids.join(',')}`, { credentials: 'include' })
    if (response.ok) {
      const { docs } = (await response.json()) as { docs: LivePump[] }
      for (const pump of docs) {
        const key = String(pump.id)
        latest.set(key, pump)
        for (const listener of listeners.get(key) ?? []) listener(pump)
      }
    }
  } catch {
    // Offline or signed out: the page keeps what it shows and tries again at the next tick.
  } finally {
    polling = false
    schedule()
  }
}

function schedule(delay = LIVE_REFRESH_MS): void {
  if (timer || listeners.size === 0) return
  timer = setTimeout(() => void poll(), delay)
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !timer) return
    clearTimeout(timer)
    timer = null
    void poll()
  })
}

function subscribe(id: string, listener: Listener): () => void {
  const set = listeners.get(id) ?? new Set<Listener>()
  set.add(listener)
  listeners.set(id, set)
  schedule()
  return () => {
    set.delete(listener)
    if (set.size === 0) {
      listeners.delete(id)
      latest.delete(id)
    }
  }
}

/** The newest live state of a pump, once a poll has brought one; undefined until then (show the page's own value). */
export function useLivePump(id: number | string | undefined | null): LivePump | undefined {
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const key = id === undefined || id === null || id === '' ? null : String(id)
  const [pump, setPump] = useState<LivePump | undefined>(() => (key ? latest.get(key) : undefined))
  useEffect(() => {
    if (!key) return
    endpoint = `${serverURL ?? ''}${api}/pumps/live`
    return subscribe(key, setPump)
  }, [key, api, serverURL])
  return pump
}

/** A live field's value: the poll's when it has one, else what the page was rendered with. */
export function liveValue<T>(pump: LivePump | undefined, name: keyof LivePump, fallback: T): T {
  return pump && name in pump ? (pump[name] as T) : fallback
}
