'use client'
// The content-locale switch ("Names in: Русский") only means something where names are kept in two languages (the
// reference lists): it is shown on those collections' pages and hidden everywhere else, where the names follow the
// interface language instead, so an English page never offers Russian country names.
import { useAuth, useConfig, useLocale, useTranslation } from '@payloadcms/ui'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useEffect, useRef, type ReactNode } from 'react'

const HIDE_SWITCH = '.app-header__localizer, .app-header__localizer-spacing { display: none !important; }'

type FieldLike = { localized?: boolean }

/**
 * Slugs of the collections with a localized top-level field (countries, regions, object types). Before sign-in the
 * client config carries no fields at all.
 */
export function localizedSlugs(collections: { slug: string; fields?: unknown[] }[]): string[] {
  return collections.filter((c) => (c.fields ?? []).some((field) => (field as FieldLike).localized)).map((c) => c.slug)
}

/**
 * Whether an admin path is a page without a form being filled in: the dashboard or a collection's list. Only there
 * may the page be asked for again, since that re-renders it (a card or a form would lose what is being typed).
 */
export function isOverviewPage(pathname: string, adminRoute: string): boolean {
  const rest = pathname.startsWith(adminRoute) ? pathname.slice(adminRoute.length) : pathname
  return rest === '' || rest === '/' || /^\/collections\/[^/]+\/?$/.test(rest)
}

/** Whether an admin path is one of those collections' list or card. */
export function showsLocalizedContent(pathname: string, adminRoute: string, slugs: string[]): boolean {
  return slugs.some(
    (slug) =>
      pathname === `${adminRoute}/collections/${slug}` || pathname.startsWith(`${adminRoute}/collections/${slug}/`),
  )
}

/**
 * Outside the reference lists, a signed-in user's content locale follows the interface language: the dashboard or a
 * list is asked for again with `?locale=<language>`, which Payload also keeps as the user's preference, so it happens
 * once and the cards opened later have it (never a card itself: what is being typed there would be lost).
 */
function useLocaleFollowsLanguage(active: boolean): void {
  const { config } = useConfig()
  const { user } = useAuth()
  const locale = useLocale() as { code?: string }
  const { i18n } = useTranslation()
  const router = useRouter()
  const pathname = usePathname() ?? ''
  const searchParams = useSearchParams()
  const asked = useRef('')
  const codes = config.localization ? config.localization.locales.map((l) => (typeof l === 'string' ? l : l.code)) : []
  const wanted = codes.includes(i18n.language) ? i18n.language : undefined
  const overview = isOverviewPage(pathname, config.routes.admin)
  useEffect(() => {
    if (!active || !overview || !user || !wanted || !locale?.code || locale.code === wanted) return
    const key = `${pathname}→${wanted}`
    if (asked.current === key) return // asked once; never loop if the server keeps another locale
    asked.current = key
    const params = new URLSearchParams(searchParams?.toString() ?? '')
    params.set('locale', wanted)
    router.replace(`${pathname}?${params.toString()}`)
  }, [active, overview, user, wanted, locale?.code, pathname, searchParams, router])
}

export function ContentLocale({ children }: { children?: ReactNode }) {
  const { config } = useConfig()
  const pathname = usePathname() ?? ''
  const localized = showsLocalizedContent(pathname, config.routes.admin, localizedSlugs(config.collections))
  useLocaleFollowsLanguage(!localized)
  return (
    <>
      {localized ? null : <style data-content-locale="hidden">{HIDE_SWITCH}</style>}
      {children}
    </>
  )
}
