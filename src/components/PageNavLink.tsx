'use client'
// A custom page's link in the navigation, shown to the roles it is for (the page itself checks again).
import { useAuth, useConfig, useTranslation } from '@payloadcms/ui'
import Link from 'next/link'
import { usePathname } from 'next/navigation'

import type { Bilingual } from '../domain/messages'

export function PageNavLink({
  roles,
  path,
  id,
  label,
}: {
  roles: string[]
  path: string
  id: string
  label: Bilingual
}) {
  const { user } = useAuth<{ role?: string }>()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const { i18n } = useTranslation()
  const pathname = usePathname()
  if (!user?.role || !roles.includes(user.role)) return null
  const href = `${admin}${path}`
  return (
    <Link className={`nav__link${pathname === href ? ' active' : ''}`} href={href} id={id} prefetch={false}>
      <span className="nav__link-label">{i18n.language === 'ru' ? label.ru : label.en}</span>
    </Link>
  )
}
