'use client'
// The content-locale switch ("Names in: Русский") only means something where names are kept in two languages (the
// reference lists): it is shown on those collections' pages and hidden everywhere else, so it never contradicts the
// interface language.
import { useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import type { ReactNode } from 'react'

const HIDE_SWITCH = '.app-header__localizer, .app-header__localizer-spacing { display: none !important; }'

type FieldLike = { localized?: boolean }

/**
 * Slugs of the collections with a localized top-level field (countries, regions, object types). Before sign-in the
 * client config carries no fields at all.
 */
export function localizedSlugs(collections: { slug: string; fields?: unknown[] }[]): string[] {
  return collections.filter((c) => (c.fields ?? []).some((field) => (field as FieldLike).localized)).map((c) => c.slug)
}

/** Whether an admin path is one of those collections' list or card. */
export function showsLocalizedContent(pathname: string, adminRoute: string, slugs: string[]): boolean {
  return slugs.some(
    (slug) =>
      pathname === `${adminRoute}/collections/${slug}` || pathname.startsWith(`${adminRoute}/collections/${slug}/`),
  )
}

export function ContentLocale({ children }: { children?: ReactNode }) {
  const { config } = useConfig()
  const pathname = usePathname() ?? ''
  const localized = showsLocalizedContent(pathname, config.routes.admin, localizedSlugs(config.collections))
  return (
    <>
      {localized ? null : <style data-content-locale="hidden">{HIDE_SWITCH}</style>}
      {children}
    </>
  )
}
