// The pump's responsible partner copied onto each history event, so a partner's history read is one indexed filter
// instead of a join on every row (8 s at a million pumps). Kept by the history service (src/services/history.ts).
import type { Field } from 'payload'

import { staffField } from '../access'
import { stampPumpPartner } from '../hooks/pump-events-fleet'

export const pumpPartnerField: Field = {
  name: 'pumpPartner',
  type: 'relationship',
  relationTo: 'partners',
  label: { en: "Pump's responsible partner", ru: 'Ответственный партнёр насоса' },
  // Written only by the history service; partners filter by it through their access rule, not by hand.
  access: { read: staffField, create: () => false, update: () => false },
  hooks: { beforeChange: [stampPumpPartner] },
  admin: { hidden: true, readOnly: true },
}
