'use client'
// Above the pump list, for staff: the rows ticked in the list go to the factory page's batch form in one click.
import { useAuth, useConfig, useSelection, useTranslation } from '@payloadcms/ui'
import Link from 'next/link'

const TEXT = {
  en: (count: number) => `Move the ${count} selected pump(s) in a batch`,
  ru: (count: number) => `Перевести выбранные насосы пакетом (${count})`,
}

export function SelectedToBatch() {
  const { user } = useAuth<{ role?: string }>()
  const { config } = useConfig()
  const { i18n } = useTranslation()
  const { selectedIDs } = useSelection()
  if (!selectedIDs.length || !user?.role || !['admin', 'service'].includes(user.role)) return null
  const text = TEXT[i18n.language === 'ru' ? 'ru' : 'en']
  return (
    <p style={{ margin: '0 0 12px' }}>
      <Link className="pumps-batch-selected" href={`${config.routes.admin}/factory?pumps=${selectedIDs.join(',')}`}>
        {text(selectedIDs.length)}
      </Link>
    </p>
  )
}
