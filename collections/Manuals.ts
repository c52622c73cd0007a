import type { CollectionConfig } from 'payload'

import { adminOnly, anyone, hiddenUnlessStaff } from '../access'
import { settings } from '../src/settings'

export const Manuals: CollectionConfig = {
  slug: 'manuals',
  labels: {
    singular: { en: 'Manual (PDF)', ru: 'Руководство (PDF)' },
    plural: { en: 'Manuals (PDF)', ru: 'Руководства (PDF)' },
  },
  admin: {
    useAsTitle: 'title',
    group: { en: 'Catalogue', ru: 'Каталог' },
    hidden: hiddenUnlessStaff,
  },
  // Installation and operation manuals are public documents: anyone with the link may download them.
  access: { create: adminOnly, read: anyone, update: adminOnly, delete: adminOnly },
  upload: {
    staticDir: settings.mediaDir,
    mimeTypes: ['application/pdf'],
  },
  fields: [{ name: 'title', type: 'text', required: true, label: { en: 'Title', ru: 'Название' } }],
}
