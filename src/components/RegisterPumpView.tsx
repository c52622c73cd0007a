// The partner portal's "Register heat pump" page (/admin/register-pump), in the admin's own layout.
import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'

import { partnerOf } from '../../access'
import { RegisterPumpForm } from './RegisterPumpForm'

export function RegisterPumpView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, locale, visibleEntities } = initPageResult
  const ru = req.i18n.language === 'ru'
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
        <h1 style={{ margin: 'calc(var(--base) * 2) 0 var(--base)' }}>
          {ru ? 'Регистрация теплового насоса' : 'Register a heat pump'}
        </h1>
        {partnerOf(req.user) !== null ? (
          <RegisterPumpForm />
        ) : (
          <p>
            {ru
              ? 'Эта страница — для пользователей партнёров. Ответственного партнёра насоса сотрудники выбирают в карточке насоса.'
              : 'This page is for partner users. Staff choose a pump’s responsible partner in the pump card.'}
          </p>
        )}
      </Gutter>
    </DefaultTemplate>
  )
}
