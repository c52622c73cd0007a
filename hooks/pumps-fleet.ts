// A pump list does not populate each pump's history and modem history unless asked (`joins[…]`): with them, every
// row a deep page skips costs two subqueries (page 1000 of a million pumps: the offset's 10,000 rows each). The card
// (findByID) keeps them.
import type { CollectionBeforeOperationHook } from 'payload'

export const listsWithoutJoins: CollectionBeforeOperationHook = ({ args, operation }) => {
  const read = args as { id?: unknown; joins?: unknown }
  if (operation !== 'read' || read.id !== undefined || read.joins !== undefined) return args
  return { ...args, joins: false }
}
