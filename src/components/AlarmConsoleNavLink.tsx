'use client'
// "Fleet alarms" in the navigation, for staff and partners (the page itself checks again).
import { PageNavLink } from './PageNavLink'

export function AlarmConsoleNavLink() {
  return (
    <PageNavLink
      id="nav-alarm-console"
      label={{ en: 'Fleet alarms', ru: 'Аварии парка' }}
      path="/alarm-console"
      roles={['admin', 'service', 'partner']}
    />
  )
}
