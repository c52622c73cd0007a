// The factory's page for staff (/admin/factory): import a file of produced pumps, and move many pumps at once.
import type { AdminViewServerProps } from 'payload'

import { isStaff } from '../../../access'
import { AdminPage } from '../AdminPage'
import { BatchForm } from './BatchForm'
import { ImportForm } from './ImportForm'

export function FactoryView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const ru = req.i18n.language === 'ru'
  return (
    <AdminPage {...props} title={ru ? 'Завод и логистика' : 'Factory and logistics'}>
      {isStaff(req.user) ? (
        <>
          <ImportForm />
          <BatchForm />
        </>
      ) : (
        <p>{ru ? 'Эта страница — для сотрудников.' : 'This page is for staff.'}</p>
      )}
    </AdminPage>
  )
}
