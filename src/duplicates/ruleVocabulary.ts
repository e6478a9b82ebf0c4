import type { ConditionOperator, DuplicateEntity } from './types.js'

/**
 * The record types a rule may name.
 *
 * @example
 * DUPLICATE_ENTITIES //=> ['lead', 'account', 'contact', 'opportunity']
 */
export const DUPLICATE_ENTITIES: readonly DuplicateEntity[] = Object.freeze(['lead', 'account', 'contact', 'opportunity'])

/**
 * The condition operators a rule may use.
 *
 * @example
 * CONDITION_OPERATORS.includes('same-date') //=> true
 */
export const CONDITION_OPERATORS: readonly ConditionOperator[] = Object.freeze([
  'exact',
  'same-first-characters',
  'same-last-characters',
  'same-date',
  'same-date-time',
  'picklist-exact',
])

/**
 * At most this many published rules per base record type, as in Dataverse.
 *
 * @example
 * MAX_PUBLISHED_RULES_PER_ENTITY //=> 5
 */
export const MAX_PUBLISHED_RULES_PER_ENTITY = 5
