'use client'
// "Register heat pump" in the navigation, for partner users only (the page itself checks again).
import { PageNavLink } from './PageNavLink'

export function RegisterPumpNavLink() {
  return (
    <PageNavLink
      id="nav-register-pump"
      label={{ en: 'Register heat pump', ru: 'Зарегистрировать насос' }}
      path="/register-pump"
      roles={['partner']}
    />
  )
}
