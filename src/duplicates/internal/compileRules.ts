import { LeadkitError, isLeadkitError, type IssuePath } from '../../errors.js'
import { definitionsOf, type DuplicateRuleRegistry } from '../createDuplicateRuleRegistry.js'
import { parseDuplicateRule } from '../parseDuplicateRule.js'
import type { AnyDuplicateRule } from '../types.js'
import { isParsedRule } from './parsedRule.js'
import { RULE_KINDS } from './ruleKinds/index.js'
import type { CompiledRule, Definitions, RuleKind } from './ruleKinds/shared.js'
import { RuleMemos } from './ruleMemos.js'

export type { BaseCodes, CompiledRule, Fired } from './ruleKinds/shared.js'

/** A compiled rule set: the rules in order, and the memos they share. */
export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[]
  readonly memos: RuleMemos
}

/**
 * Compiles rules for running: each rule that is not already a parsed one is parsed (so an engine never runs a rule
 * the parser would refuse), then its normaliser or comparator is made from the registry, once, with memos shared by
 * the whole set.
 *
 * @param path - where the rules sit in the caller's input, for errors (`['rules']`)
 */
export function compileRules(rules: readonly unknown[], registry: DuplicateRuleRegistry | undefined, path: IssuePath = ['rules']): CompiledRuleSet {
  if (!Array.isArray(rules)) {
    throw new LeadkitError({ code: 'invalid_type', path, message: 'rules must be an array of duplicate rules' })
  }
  const memos = new RuleMemos()
  const definitions = definitionsOf(registry)
  const compiled = rules.map((input, index) => {
    try {
      const rule = isParsedRule(input) ? input : parseDuplicateRule(input, registry === undefined ? undefined : { registry })
      return compileRule(rule, definitions, memos)
    } catch (error) {
      if (!isLeadkitError(error)) throw error
      throw new LeadkitError(
        error.issues.map((issue) => ({ ...issue, path: [...path, index, ...issue.path] })),
        { cause: error },
      )
    }
  })
  return { rules: compiled, memos }
}

/** A rule's kind looks up how it runs, in the one table of kinds. */
function compileRule(rule: AnyDuplicateRule, definitions: Definitions, memos: RuleMemos): CompiledRule {
  return (RULE_KINDS[rule.kind] as RuleKind<AnyDuplicateRule>).compile(rule, definitions, memos)
}
