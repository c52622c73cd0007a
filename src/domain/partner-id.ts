// Partner IDs are what a partner types on the "Register heat pump" page: short, unambiguous, e.g. P-10234.

export const PARTNER_ID_PATTERN = /^P-\d{5}$/

export function randomPartnerId(random: () => number = Math.random): string {
  return `P-${10000 + Math.floor(random() * 90000)}`
}

/** Accepts what people type ("p10234", " P-10234 ") and returns the canonical form, or null. */
export function normalizePartnerId(input: string): string | null {
  const match = /^\s*p-?\s*(\d{5})\s*$/i.exec(input)
  return match ? `P-${match[1]}` : null
}
