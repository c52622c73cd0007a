// What an open pump card or list refreshes by itself, and how often: shared by the live endpoint and the admin's
// poller (src/components/live-store.ts), so both agree on the fields and the bounds.

/** The fields a page refreshes by itself; everything else on a card changes only when someone saves it. */
export const LIVE_FIELDS = [
  'status',
  'online',
  'lastDataAt',
  'lastConnectedAt',
  'lastDisconnectedAt',
  'connectionType',
  'firmwareVersion',
  'activeAlarms',
] as const
export type LiveField = (typeof LIVE_FIELDS)[number]
export type LivePump = { id: number | string } & Partial<Record<LiveField, unknown>>

/** A list page shows at most this many rows; a poll asks for no more. */
export const MAX_LIVE_IDS = 100

/** An open page asks every 10 s while its tab is visible (and at once when it becomes visible again). */
export const LIVE_REFRESH_MS = 10_000
