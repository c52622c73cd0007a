'use client'
// Beside the status in the pump card: "Next status: …" (and "Put into operation"), and for administrators
// "Set status…". The buttons and the dialog's fields come from GET /api/pumps/:id/transitions, so the server's table
// is the only place that says what a transition asks for. Partners and owners get no buttons.
import { Button, useConfig, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'

import type { TransitionsAnswer } from '../services/lifecycle'
import { usePumpZone } from './pump-zone'
import { GeneratedSecrets, STATUS_TEXT, StatusForm } from './StatusDialog'
import type { Dialog } from './status-request'
import { useStatusSubmit } from './use-status-submit'

const dialogStyle = {
  width: 'min(520px, 92vw)',
  padding: 24,
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m)',
  background: 'var(--theme-elevation-0)',
  color: 'var(--theme-text)',
}

/** What the server offers this user for this pump; null while loading or when it offers nothing. */
function useOffer(url: string, id: unknown, language: string): TransitionsAnswer | null {
  const [offer, setOffer] = useState<TransitionsAnswer | null>(null)
  useEffect(() => {
    if (!id) return
    let cancelled = false
    fetch(`${url}/transitions`, { credentials: 'include', headers: { 'Accept-Language': language } })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: TransitionsAnswer | null) => !cancelled && setOffer(body))
      .catch(() => !cancelled && setOffer(null))
    return () => {
      cancelled = true
    }
  }, [id, url, language])
  return offer
}

/** Which dialog is open (none, a transition, or "Set status…"), kept in step with the native <dialog>. */
function useStatusDialog(reset: () => void) {
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const dialogRef = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    if (dialog) dialogRef.current?.showModal()
    else dialogRef.current?.close()
  }, [dialog])
  const open = useCallback(
    (next: Dialog) => {
      reset()
      setDialog(next)
    },
    [reset],
  )
  const close = useCallback(() => setDialog(null), [])
  return { dialog, dialogRef, open, close }
}

/** One button per transition the server offers, and "Set status…" for administrators. */
function StatusButtons(props: { offer: TransitionsAnswer; open: (next: Dialog) => void; setStatusLabel: string }) {
  const { offer, open, setStatusLabel } = props
  return (
    <>
      {offer.transitions.map((transition) => (
        <Button
          key={transition.to}
          buttonStyle={transition.action === 'advance' ? 'primary' : 'secondary'}
          className={`status-transition status-transition--${transition.action}`}
          margin={false}
          onClick={() => open({ kind: 'advance', offer: transition })}
          size="medium"
          type="button"
        >
          {transition.label}
        </Button>
      ))}
      {offer.setStatus ? (
        <Button
          buttonStyle="subtle"
          className="status-transition status-transition--set-status"
          margin={false}
          onClick={() => open({ kind: 'setStatus' })}
          size="medium"
          type="button"
        >
          {setStatusLabel}
        </Button>
      ) : null}
    </>
  )
}

export function StatusTransitions() {
  const { id } = useDocumentInfo()
  const {
    config: {
      routes: { admin: adminRoute, api },
      serverURL,
    },
  } = useConfig()
  const { i18n } = useTranslation()
  const language = i18n.language === 'ru' ? 'ru' : 'en'
  const text = STATUS_TEXT[language]
  const url = `${serverURL ?? ''}${api}/pumps/${id}`
  const offer = useOffer(url, id, language)
  const zone = usePumpZone()
  const state = useStatusSubmit({ url, language, failed: text.failed, zone: zone.zone })
  const { dialog, dialogRef, open, close } = useStatusDialog(state.reset)

  if (!offer || (offer.transitions.length === 0 && !offer.setStatus)) return null

  return (
    <div
      className="status-transitions"
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'flex-start',
        gap: 8,
        marginBottom: 'var(--base)',
      }}
    >
      <StatusButtons offer={offer} open={open} setStatusLabel={text.setStatus} />

      {/* In a portal: a form nested in the card's form is invalid HTML and submits the wrong way. */}
      {createPortal(
        <dialog
          aria-labelledby="status-transition-title"
          className="status-transition__dialog"
          onClose={close}
          ref={dialogRef}
          style={dialogStyle}
        >
          {dialog && state.secrets ? (
            <GeneratedSecrets secrets={state.secrets} text={text} />
          ) : dialog ? (
            <StatusForm
              adminRoute={adminRoute}
              dialog={dialog}
              fieldErrors={state.fieldErrors}
              formError={state.formError}
              language={language}
              offer={offer}
              onCancel={close}
              onSubmit={(event) => void state.submit(dialog, event)}
              saving={state.saving}
              zone={zone}
            />
          ) : null}
        </dialog>,
        document.body,
      )}
    </div>
  )
}
