// A custom admin page in the admin's own layout (navigation, header) with its title: shared by the custom views.
import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import type { ReactNode } from 'react'

export function AdminPage({
  initPageResult,
  params,
  searchParams,
  title,
  children,
}: AdminViewServerProps & { title: string; children: ReactNode }) {
  const { req, permissions, locale, visibleEntities } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user || undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1 style={{ margin: 'calc(var(--base) * 2) 0 var(--base)' }}>{title}</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
}
