// Which service is changing a pump, said in a Local API call's `context`: the pump hooks let a flow change only its
// own protected fields, and REST or GraphQL requests can never carry it.
import type { EventSource } from './lifecycle'

export type PumpFlow = 'lifecycle' | 'ingest' | 'registration' | 'seed'

export const PUMP_FLOW_CONTEXT_KEY = 'pumpFlow'
/** Which flow assigned the partner or owner, for the history. */
export const ASSIGNMENT_SOURCE_CONTEXT_KEY = 'assignmentSource'
/** Set by the account and registration services when an owner's credentials change through them. */
export const BUYER_CREDENTIALS_CONTEXT_KEY = 'buyerCredentials'

/** The `context` of a protected pump write by `flow`; `source` names who assigned a partner or owner. */
export function pumpFlowContext(flow: PumpFlow, source?: EventSource): Record<string, unknown> {
  return source ? { [PUMP_FLOW_CONTEXT_KEY]: flow, [ASSIGNMENT_SOURCE_CONTEXT_KEY]: source } : { [PUMP_FLOW_CONTEXT_KEY]: flow }
}
