// Which service is changing a pump, said in a Local API call's `context`: the pump hooks let a flow change only its
// own protected fields, and REST or GraphQL requests can never carry it.
import { EVENT_SOURCES, type EventSource } from './lifecycle-events'

export const PUMP_FLOWS = ['lifecycle', 'ingest', 'registration', 'seed'] as const
export type PumpFlow = (typeof PUMP_FLOWS)[number]

export const PUMP_FLOW_CONTEXT_KEY = 'pumpFlow'
/** Which flow assigned the partner or owner, for the history. */
export const ASSIGNMENT_SOURCE_CONTEXT_KEY = 'assignmentSource'
/** Set by the account and registration services when an owner's credentials change through them. */
export const BUYER_CREDENTIALS_CONTEXT_KEY = 'buyerCredentials'

/** The `context` of a protected pump write by `flow`; `source` names who assigned a partner or owner. */
export function pumpFlowContext(flow: PumpFlow, source?: EventSource): Record<string, unknown> {
  return source
    ? { [PUMP_FLOW_CONTEXT_KEY]: flow, [ASSIGNMENT_SOURCE_CONTEXT_KEY]: source }
    : { [PUMP_FLOW_CONTEXT_KEY]: flow }
}

/** The flow a write's `context` names, if it names a known one. */
export function pumpFlowOf(context: Record<string, unknown> | undefined): PumpFlow | undefined {
  const flow = context?.[PUMP_FLOW_CONTEXT_KEY]
  return PUMP_FLOWS.find((name) => name === flow)
}

/** Who a write's `context` says assigned the partner or owner, if it says. */
export function assignmentSourceOf(context: Record<string, unknown> | undefined): EventSource | undefined {
  const source = context?.[ASSIGNMENT_SOURCE_CONTEXT_KEY]
  return EVENT_SOURCES.find((name) => name === source)
}
