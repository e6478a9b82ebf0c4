import { BUILT_IN_ATTRIBUTE_NAMES } from './internal/attributes.js'

/**
 * The built-in attributes a model can learn from; automatic selection considers all of them. A host may also pick
 * a custom attribute as `extra.<field>` (e.g. `extra.lineOfBusiness`), read as a category.
 *
 * @example
 * SCORING_ATTRIBUTES.includes('emailDomainType') //=> true
 */
export const SCORING_ATTRIBUTES: readonly string[] = BUILT_IN_ATTRIBUTE_NAMES
