// Words every layer shares: a text in both languages of the product, the one "required" message, the one blank check.

/** A text in both languages of the product. */
export type Bilingual = { en: string; ru: string }

/** What a required field that was left empty says. */
export const REQUIRED: Bilingual = { en: 'Required', ru: 'Обязательное поле' }

/** Nothing given: missing, null, or only spaces. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}
