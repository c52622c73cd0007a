// The custom forms' few styles, in the admin's theme variables: shared by the partner's and the factory's pages.
import type { CSSProperties } from 'react'

export const inputStyle: CSSProperties = {
  width: '100%',
  maxWidth: 520,
  padding: '10px 12px',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-text)',
  font: 'inherit',
}
export const labelStyle: CSSProperties = { display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 16 }
export const errorStyle: CSSProperties = { color: 'var(--theme-error-500)', fontSize: '0.9em' }
