// Who may do what: every collection and endpoint asks these predicates. The admin panel's `hidden`
// flags only tidy the navigation; the decision is made here.
import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

import { relationId, sameId } from '../src/domain/pump'

export type StaffRole = 'admin' | 'service' | 'partner'

type RequestUser = PayloadRequest['user']

type StaffUser = { collection: 'users'; id: number | string; role?: StaffRole | null; partner?: unknown }

export function staffUser(user: RequestUser): StaffUser | null {
  return user && user.collection === 'users' ? (user as unknown as StaffUser) : null
}

export function roleOf(user: RequestUser): StaffRole | null {
  return staffUser(user)?.role ?? null
}

export function isAdminUser(user: RequestUser): boolean {
  return roleOf(user) === 'admin'
}

/** Admins and service engineers: the manufacturer's own staff. */
export function isStaff(user: RequestUser): boolean {
  const role = roleOf(user)
  return role === 'admin' || role === 'service'
}

/** The partner company a partner user works for, or null for anybody else. */
export function partnerOf(user: RequestUser): number | string | null {
  const staff = staffUser(user)
  return staff?.role === 'partner' ? relationId(staff.partner) : null
}

/** The buyer (owner) signed in from the mobile app, or null. */
export function buyerOf(user: RequestUser): number | string | null {
  return user && user.collection === 'buyers' ? user.id : null
}

export const anyone: Access = () => true
/** Written only by a service through the Local API (an audit trail nobody edits). */
export const nobody: Access = () => false

export const adminOnly: Access = ({ req }) => isAdminUser(req.user)
export const staffOnly: Access = ({ req }) => isStaff(req.user)

export const adminField: FieldAccess = ({ req }) => isAdminUser(req.user)
export const staffField: FieldAccess = ({ req }) => isStaff(req.user)
/** Fields the owner's app must not see: partner and staff notes. */
export const notForOwners: FieldAccess = ({ req }) => Boolean(staffUser(req.user))

/**
 * A history field that names an owner (their phone) when `about` says the event is the owner's: staff read it
 * always; others only on a document that is not about an owner. Payload also asks this, with no document, before
 * it lets anyone filter or sort on the field: then only staff may, or `where[assignedTo][like]=+7999` would read
 * owners' phones one digit at a time.
 */
export function staffOrUnlessAbout(about: 'kind' | 'actor'): FieldAccess {
  return ({ req, doc }) =>
    isStaff(req.user) || (doc !== undefined && doc !== null && (doc as Record<string, unknown>)[about] !== 'owner')
}

/** Users: admins see everyone; any other staff or partner account sees itself. */
export const adminOrSelf: Access = ({ req }) => {
  if (isAdminUser(req.user)) return true
  const staff = staffUser(req.user)
  return staff ? { id: { equals: staff.id } } : false
}

/** Partners: staff read all; a partner user reads its own company. */
export const readPartners: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  const partner = partnerOf(req.user)
  return partner !== null ? { id: { equals: partner } } : false
}

/** Buyers: staff read and edit all; an owner only their own card. */
export const staffOrOwnBuyer: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  const buyer = buyerOf(req.user)
  return buyer !== null ? { id: { equals: buyer } } : false
}

/** The pumps a user may read: staff all; a partner those it is responsible for; an owner their own. */
export const readPumps: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  const partner = partnerOf(req.user)
  if (partner !== null) return { responsiblePartner: { equals: partner } } as Where
  const buyer = buyerOf(req.user)
  if (buyer !== null) return { owner: { equals: buyer } } as Where
  return false
}

/** A pump's events in another collection (modem events): staff all; a partner those of the pumps it is responsible for. */
export const readByPumpPartner: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  const partner = partnerOf(req.user)
  return partner !== null ? ({ 'pump.responsiblePartner': { equals: partner } } as Where) : false
}

/**
 * A pump's history: staff all; a partner the history of the pumps it is responsible for, through the pump's partner
 * the history service copies onto each event (`pumpPartner`): an indexed filter, not a join per row.
 */
export const readPumpEvents: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  const partner = partnerOf(req.user)
  return partner !== null ? ({ pumpPartner: { equals: partner } } as Where) : false
}

/**
 * Alarm records: staff all; a partner the alarms of the pumps it is responsible for, through the pump's partner the
 * ingestion copies onto each record (`pumpPartner`, re-labelled by a trigger when the pump's partner changes).
 */
export const readAlarms: Access = readPumpEvents

/**
 * The same rule for edits: staff edit any pump; a partner (the installation fields of) the pumps it is responsible
 * for; an owner (the nickname of) their own. Which fields each may change is the pump hooks' and field rules' work.
 */
export const updatePumps: Access = readPumps

/** The pump's owner, signed in from the app: the one person who sees and changes the pump's nickname. */
export const pumpOwnerField: FieldAccess = ({ req, doc }) => {
  const buyer = buyerOf(req.user)
  return buyer !== null && sameId((doc as { owner?: unknown } | undefined)?.owner, buyer)
}

/** Staff and partner accounts use the admin panel; buyers (owners) never do. */
export const staffAndPartnersInAdmin = ({ req }: { req: PayloadRequest }): boolean => Boolean(staffUser(req.user))
export const noAdminPanel = (): boolean => false

/** Navigation cosmetics: hide a collection from roles that cannot use it (access is still enforced above). */
export const hiddenUnlessStaff = ({ user }: { user: unknown }): boolean => !isStaff(user as RequestUser)
export const hiddenUnlessAdmin = ({ user }: { user: unknown }): boolean => !isAdminUser(user as RequestUser)
