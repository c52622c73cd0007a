// An event written without the history service (a seed, an import, a test) still gets its pump's partner, so the
// partner's history read (which filters on it) never misses one.
import type { FieldHook } from 'payload'

import { pumpPartnerOf } from '../src/services/history'
import { relationId } from '../src/domain/pump'

export const stampPumpPartner: FieldHook = async ({ value, operation, data, req }) => {
  if (operation !== 'create' || value !== undefined) return value
  const pump = relationId((data as { pump?: unknown } | undefined)?.pump)
  return pump === null ? null : pumpPartnerOf(req, Number(pump))
}
