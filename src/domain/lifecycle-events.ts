// The words of a pump's history: who made a change (actor), through what (source), and what it records (kind).
import { type Bilingual } from './messages'

/** Who made a change, and through what. */
export const EVENT_ACTORS = ['user', 'owner', 'modem', 'system'] as const
export type EventActor = (typeof EVENT_ACTORS)[number]
export const EVENT_SOURCES = [
  'button',
  'admin_override',
  'modem',
  'import',
  'card',
  'partner_claim',
  'owner_app',
  'batch',
  'reissue',
] as const
export type EventSource = (typeof EVENT_SOURCES)[number]

export const EVENT_ACTOR_LABELS: Record<EventActor, Bilingual> = {
  user: { en: 'User', ru: 'Пользователь' },
  owner: { en: 'Owner (mobile app)', ru: 'Владелец (мобильное приложение)' },
  modem: { en: 'Modem', ru: 'Модем' },
  system: { en: 'System', ru: 'Система' },
}

export const EVENT_SOURCE_LABELS: Record<EventSource, Bilingual> = {
  button: { en: 'Status transition', ru: 'Переход статуса' },
  admin_override: { en: 'Set by administrator', ru: 'Установлен администратором' },
  modem: { en: 'First connection of the modem', ru: 'Первое подключение модема' },
  import: { en: 'Import', ru: 'Импорт' },
  card: { en: 'Edited in the card', ru: 'Правка карточки' },
  partner_claim: { en: 'Registered by the partner', ru: 'Регистрация партнёром' },
  owner_app: { en: 'Registered in the mobile app', ru: 'Регистрация в мобильном приложении' },
  batch: { en: 'Batch transition', ru: 'Пакетный переход' },
  reissue: { en: 'Reissued by staff', ru: 'Перевыпуск сотрудником' },
}

/** What an event records: a status change, who the pump is assigned to, or its printed password or device key
 * being issued. */
export const EVENT_KINDS = ['status', 'partner', 'owner', 'secrets'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
export const EVENT_KIND_LABELS: Record<EventKind, Bilingual> = {
  status: { en: 'Status', ru: 'Статус' },
  partner: { en: 'Responsible partner', ru: 'Ответственный партнёр' },
  owner: { en: 'Owner', ru: 'Владелец' },
  secrets: { en: 'Password or device key issued', ru: 'Выдан пароль или ключ модема' },
}
