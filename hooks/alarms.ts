// A deleted pump takes its alarm records and their notifications with it (in the same transaction as the delete).
import type { CollectionBeforeDeleteHook } from 'payload'

export const deletePumpAlarms: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'notifications',
    where: { 'alarm.pump': { equals: id } },
    req,
    overrideAccess: true,
  })
  await req.payload.delete({ collection: 'alarms', where: { pump: { equals: id } }, req, overrideAccess: true })
}
