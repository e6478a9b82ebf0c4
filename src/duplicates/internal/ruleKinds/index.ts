import type { AnyDuplicateRule } from '../../types.js'
import { FUZZY_KIND } from './fuzzyKind.js'
import { KEYED_KIND } from './keyedKind.js'
import { MATCHCODE_KIND } from './matchcodeKind.js'
import type { RuleKind } from './shared.js'

/**
 * Every kind of duplicate rule, with how it is read from JSON and compiled to run: the one table a rule's `kind` is
 * looked up in. A new kind is a new module and a new line here.
 */
export const RULE_KINDS: { readonly [K in AnyDuplicateRule['kind']]: RuleKind<Extract<AnyDuplicateRule, { kind: K }>> } = {
  matchcode: MATCHCODE_KIND,
  keyed: KEYED_KIND,
  fuzzy: FUZZY_KIND,
}

/** The kinds, for messages and `enumeration` checks. */
export const KIND_NAMES = Object.keys(RULE_KINDS) as AnyDuplicateRule['kind'][]

export type { BaseCodes, CompiledRule, Definitions, Fired } from './shared.js'
