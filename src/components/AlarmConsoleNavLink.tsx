'use client'
// "Fleet alarms" in the navigation, for staff and partners (the page itself checks again).
import { useAuth, useConfig, useTranslation } from '@payloadcms/ui'
import Link from 'next/link'
import { usePathname } from 'next/navigation'

export function AlarmConsoleNavLink() {
  const { user } = useAuth<{ role?: string }>()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const { i18n } = useTranslation()
  const pathname = usePathname()
  if (!user?.role) return null
  const href = `${admin}/alarm-console`
  return (
    <Link
      className={`nav__link${pathname === href ? ' active' : ''}`}
      href={href}
      id="nav-alarm-console"
      prefetch={false}
    >
      <span className="nav__link-label">{i18n.language === 'ru' ? 'Аварии парка' : 'Fleet alarms'}</span>
    </Link>
  )
}
