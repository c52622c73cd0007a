'use client'
// "Register heat pump" in the navigation, for partner users only (the page itself checks again).
import { useAuth, useConfig, useTranslation } from '@payloadcms/ui'
import Link from 'next/link'
import { usePathname } from 'next/navigation'

export function RegisterPumpNavLink() {
  const { user } = useAuth<{ role?: string }>()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const { i18n } = useTranslation()
  const pathname = usePathname()
  if (user?.role !== 'partner') return null
  const href = `${admin}/register-pump`
  return (
    <Link
      className={`nav__link${pathname === href ? ' active' : ''}`}
      href={href}
      id="nav-register-pump"
      prefetch={false}
    >
      <span className="nav__link-label">
        {i18n.language === 'ru' ? 'Зарегистрировать насос' : 'Register heat pump'}
      </span>
    </Link>
  )
}
