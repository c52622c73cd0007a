// The partner portal's "Register heat pump" page (/admin/register-pump), in the admin's own layout.
import type { AdminViewServerProps } from 'payload'

import { partnerOf } from '../../access'
import { AdminPage } from './AdminPage'
import { RegisterPumpForm } from './RegisterPumpForm'

export function RegisterPumpView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const ru = req.i18n.language === 'ru'
  return (
    <AdminPage {...props} title={ru ? 'Регистрация теплового насоса' : 'Register a heat pump'}>
      {partnerOf(req.user) !== null ? (
        <RegisterPumpForm />
      ) : (
        <p>
          {ru
            ? 'Эта страница — для пользователей партнёров. Ответственного партнёра насоса сотрудники выбирают в карточке насоса.'
            : 'This page is for partner users. Staff choose a pump’s responsible partner in the pump card.'}
        </p>
      )}
    </AdminPage>
  )
}
