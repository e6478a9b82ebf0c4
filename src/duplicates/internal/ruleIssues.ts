import type { Issue } from '../../errors.js'
import { MAX_PUBLISHED_RULES_PER_ENTITY } from '../ruleVocabulary.js'
import type { DuplicateEntity } from '../types.js'

/**
 * Every problem of a rule is "a rule that cannot run" (`invalid_rule`); prototype-polluting keys keep their own
 * code. Shared by every reader of rules: the rule parser, the scored matcher, settings and the Dataverse adapter.
 *
 * @example
 * asRuleIssues([{ code: 'invalid_type', path: ['name'], message: 'name must be text' }])[0]?.code //=> 'invalid_rule'
 */
export function asRuleIssues(issues: readonly Issue[]): Issue[] {
  return issues.map((issue) => (issue.code === 'forbidden_key' ? issue : { ...issue, code: 'invalid_rule' as const }))
}

/**
 * Counts one more published rule for `baseEntity` in `published`; returns the new count when it is over the
 * product's limit of {@link MAX_PUBLISHED_RULES_PER_ENTITY} per record type, else `undefined`.
 *
 * @example
 * const published = new Map()
 * for (let i = 0; i < 5; i += 1) overPublished(published, 'lead') //=> undefined
 * overPublished(published, 'lead') //=> 6
 */
export function overPublished(
  published: Map<DuplicateEntity, number>,
  baseEntity: DuplicateEntity,
): number | undefined {
  const count = (published.get(baseEntity) ?? 0) + 1
  published.set(baseEntity, count)
  return count > MAX_PUBLISHED_RULES_PER_ENTITY ? count : undefined
}
