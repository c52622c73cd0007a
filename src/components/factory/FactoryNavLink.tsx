'use client'
// "Factory and logistics" in the navigation, for staff only (the page itself checks again).
import { PageNavLink } from '../PageNavLink'

export function FactoryNavLink() {
  return (
    <PageNavLink
      id="nav-factory"
      label={{ en: 'Factory and logistics', ru: 'Завод и логистика' }}
      path="/factory"
      roles={['admin', 'service']}
    />
  )
}
