// GraphQL's share of the input guards (issue 9: 5, 21): no negative page sizes (0, more than MAX_PAGE_SIZE and
// `pagination: false` are cut to one page at execution), and no "Did you mean …" hints that spell out the schema.
import {
  GraphQLError,
  type ArgumentNode,
  type ASTVisitor,
  type ExecutionArgs,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql'
import type { AfterErrorHook, PayloadRequest } from 'payload'

import { inUserLanguage, type Message } from '../i18n'

const SUGGESTION = /\s*Did you mean [^?]*\?/g

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '')
}

/** The literal or variable value of an argument (variables as sent, else their declared default). */
function valueOf(node: ValueNode, context: ValidationContext, variables: Record<string, unknown>): unknown {
  if (node.kind === 'IntValue') return Number(node.value)
  if (node.kind === 'BooleanValue') return node.value
  if (node.kind !== 'Variable') return undefined
  const name = node.name.value
  if (name in variables) return variables[name]
  for (const definition of context.getDocument().definitions) {
    if (definition.kind !== 'OperationDefinition') continue
    const declared = definition.variableDefinitions?.find((variable) => variable.variable.name.value === name)
    if (declared?.defaultValue) return valueOf(declared.defaultValue, context, {})
  }
  return undefined
}

/** One rule: hides other rules' suggestions (they report through the same context) and checks page sizes. */
export function readLimitsRule(args: ExecutionArgs, maxPageSize: number): ValidationRule {
  const variables = (args?.variableValues ?? {}) as Record<string, unknown>
  const req = (args?.contextValue as { req?: PayloadRequest } | undefined)?.req ?? {}
  return (context: ValidationContext): ASTVisitor => {
    const report = context.reportError.bind(context)
    context.reportError = (error) => {
      error.message = withoutSuggestions(error.message)
      report(error)
    }
    const refuse = (message: Message, node: ArgumentNode) =>
      report(new GraphQLError(inUserLanguage(req, message), { nodes: [node] }))
    return {
      Argument(node) {
        const value = valueOf(node.value, context, variables)
        if (node.name.value === 'limit' && value !== undefined && value !== null) {
          // 0 ("all") and more than the cap get a page of the cap at execution (src/endpoints/guards.ts).
          if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
            refuse(
              {
                en: `limit must be a whole number (pages hold at most ${maxPageSize})`,
                ru: `limit должен быть целым числом (на странице не более ${maxPageSize})`,
              },
              node,
            )
          }
        }
      },
    }
  }
}

/** Execution errors (a variable of the wrong enum value, say) reach the answer through Payload's afterError. */
export const hideGraphQLSuggestions: AfterErrorHook = ({ graphqlResult }) => {
  if (!graphqlResult || typeof graphqlResult.message !== 'string') return
  return { graphqlResult: { ...graphqlResult, message: withoutSuggestions(graphqlResult.message) } }
}
