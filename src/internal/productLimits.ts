// "Let seller create up to 5 opportunities from a newly qualified lead": the most a seller may ever create.
/**
 * Internal: the product's fixed limits that more than one domain checks, written once. Settings validate against
 * them and the planners enforce them.
 *
 * @example
 * PRODUCT_MAX_OPPORTUNITIES //=> 5
 */
export const PRODUCT_MAX_OPPORTUNITIES = 5
