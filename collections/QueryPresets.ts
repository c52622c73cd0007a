// Saved filters on the pump list: Payload's query presets (its `payload-query-presets` collection), who may keep and
// share them (access/query-presets.ts), and their words in Russian and English (Payload's own are English only).
import type { Config, Field, SanitizedConfig } from 'payload'

import { queryPresetAccess, sharedWithStaff, sharingChoices } from '../access/query-presets'
import type { Bilingual } from '../src/domain/messages'

type I18nArgs = { i18n: { language: string } }
/** A label in the admin's language. A function, not a {ru, en} record: Payload's preset bar puts the collection's
 * label into its texts as it is, so a record would read "[object Object]"; a function is resolved per language. */
const say =
  ({ ru, en }: Bilingual) =>
  ({ i18n }: I18nArgs) =>
    i18n.language === 'ru' ? ru : en

const WORDS = {
  singular: { en: 'Saved filter', ru: 'Сохранённый фильтр' },
  plural: { en: 'Saved filters', ru: 'Сохранённые фильтры' },
  title: { en: 'Name', ru: 'Название' },
  isShared: { en: 'Shared', ru: 'Общий' },
  access: { en: 'Who may use it', ru: 'Кому доступен' },
  where: { en: 'Filters', ru: 'Фильтры' },
  columns: { en: 'Columns', ru: 'Столбцы' },
  groupBy: { en: 'Group by', ru: 'Группировка' },
  read: { en: 'Who may open it', ru: 'Кто может открыть' },
  update: { en: 'Who may change it', ru: 'Кто может изменить' },
  delete: { en: 'Who may delete it', ru: 'Кто может удалить' },
  users: { en: 'Users', ru: 'Пользователи' },
} satisfies Record<string, Bilingual>

const CHOICES: Record<string, Bilingual> = {
  onlyMe: { en: 'Only me', ru: 'Только я' },
  everyone: { en: 'Everyone', ru: 'Все' },
  specificUsers: { en: 'Chosen users', ru: 'Выбранные пользователи' },
  staff: { en: 'Staff', ru: 'Сотрудники' },
}

const shareWithStaff = [{ label: 'staff', value: 'staff', access: sharedWithStaff }]

/** The root config's `queryPresets`: the pump list turns them on with `enableQueryPresets`. */
export const queryPresets: NonNullable<Config['queryPresets']> = {
  access: queryPresetAccess,
  constraints: { read: shareWithStaff, update: shareWithStaff, delete: shareWithStaff },
  filterConstraints: sharingChoices as never,
  labels: { singular: say(WORDS.singular), plural: say(WORDS.plural) },
}

type AnyField = Field & { name?: string; label?: unknown; fields?: AnyField[]; options?: unknown[] }
type Operation = 'read' | 'update' | 'delete'

const isOperation = (name: unknown): name is Operation => name === 'read' || name === 'update' || name === 'delete'
const wordsFor = (name: unknown): Bilingual | undefined =>
  typeof name === 'string' && name in WORDS ? WORDS[name as keyof typeof WORDS] : undefined

/** "Who may open it" and its choices (only me, everyone, …) on an operation's constraint. */
function dressConstraint(field: AnyField, operation: Operation): void {
  field.label = say(WORDS[operation])
  for (const option of field.options ?? []) {
    const choice = option as { value?: string; label?: unknown }
    if (typeof option === 'object' && choice.value && CHOICES[choice.value]) choice.label = say(CHOICES[choice.value])
  }
}

function dress(fields: AnyField[] | undefined, operation?: Operation): void {
  for (const field of fields ?? []) {
    if (field.name === 'constraint' && operation) dressConstraint(field, operation)
    else if (!isOperation(field.name) && wordsFor(field.name)) field.label = say(wordsFor(field.name)!)
    // The collapsible around each operation's group is titled by that operation.
    const inner = field.type === 'collapsible' ? field.fields?.[0]?.name : undefined
    if (isOperation(inner)) field.label = say(WORDS[inner])
    dress(field.fields, isOperation(field.name) ? field.name : operation)
  }
}

/** Puts the words above on the preset collection Payload builds from `queryPresets` (after buildConfig). */
export async function translateQueryPresets(config: Promise<SanitizedConfig>): Promise<SanitizedConfig> {
  const built = await config
  const presets = built.collections.find((collection) => (collection.slug as string) === 'payload-query-presets')
  if (presets) {
    dress(presets.fields as AnyField[])
    dress(presets.flattenedFields as unknown as AnyField[])
  }
  return built
}
