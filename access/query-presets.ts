// Who may keep and share saved filters (Payload's query presets, on the pump list): every admin user (staff and
// partners) keeps their own; only staff share one, with staff or with everyone. Owners have no admin panel.
import type { Access, PayloadRequest } from 'payload'

import { isStaff, staffUser } from './index'

type Constraints = Record<string, { constraint?: string } | undefined> | undefined

/** Every operation of the preset left to its author ('onlyMe', Payload's default when none is given). */
function keptToSelf(data: unknown): boolean {
  const access = (data as { access?: Constraints } | undefined)?.access
  return Object.values(access ?? {}).every((operation) => !operation?.constraint || operation.constraint === 'onlyMe')
}

const adminUser = (req: PayloadRequest) => Boolean(staffUser(req.user))

/** Creating or changing a preset: staff as they like; a partner only a preset kept to themselves. */
const writePreset: Access = ({ req, data }) => adminUser(req) && (isStaff(req.user) || keptToSelf(data))

/**
 * The collection-level rules; Payload adds each preset's own sharing (only me / the users named / everyone / staff)
 * to them. Without a user of the admin panel nothing passes, so an owner's id never meets a user's preset.
 */
export const queryPresetAccess = {
  create: writePreset,
  update: writePreset,
  read: (({ req }) => adminUser(req)) as Access,
  delete: (({ req }) => adminUser(req)) as Access,
}

/** The sharing choices offered: all of them to staff, "only me" to partners. */
export function sharingChoices({ req, options }: { req: PayloadRequest; options: unknown[] }): unknown[] {
  if (isStaff(req.user)) return options
  return options.filter(
    (option) => (typeof option === 'string' ? option : (option as { value: string }).value) === 'onlyMe',
  )
}

/** A preset shared with staff: readable (and, if so chosen, changeable) by admins and service engineers. */
export const sharedWithStaff: Access = ({ req }) => isStaff(req.user)
