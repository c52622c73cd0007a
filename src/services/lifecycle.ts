// The only way a pump's status changes: a transition from the table (a service engineer's button), an
// administrator's override, or the modem's first connection. Each change and its history event are written in one
// database transaction, under a lock on the pump's row, so two people pressing the button at once make one change.
// The steps live in src/services/lifecycle/; this module is what the endpoints, the seed and the ingestion import.
export { StatusConflict, TransitionRefused } from './lifecycle/change-status'
export { advanceStatus, type AdvanceRequest, type StatusChangeResult } from './lifecycle/advance'
export { setStatus, type SetStatusRequest } from './lifecycle/override'
export { commissionOnFirstConnection, importStatus } from './lifecycle/system-changes'
export { availableTransitions, type TransitionOffer, type TransitionsAnswer } from './lifecycle/offers'
