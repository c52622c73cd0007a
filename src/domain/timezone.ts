// Installation time zones are IANA names taken from the region a pump is installed in. Time itself is
// stored in UTC; the zone is for showing it to the pump's owner and partner.

export function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** A pump's time zone follows its region; with no region (or a region without a zone) it has none. */
export function timezoneForRegion(region: { timezone?: string | null } | null | undefined): string | null {
  return region?.timezone || null
}
