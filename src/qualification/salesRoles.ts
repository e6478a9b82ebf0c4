import { asLeadkitError, requireArray } from '../internal/validate.js'

/**
 * The security roles that may qualify and disqualify leads: the primary sales roles of Dynamics 365 Sales, plus the
 * administrator roles that hold every privilege. Compared without regard to case, spaces, hyphens or underscores.
 *
 * @example
 * SALES_ROLES.includes('sales manager') //=> true
 */
export const SALES_ROLES: readonly string[] = Object.freeze([
  'salesperson',
  'sales manager',
  'sales professional',
  'sales professional manager',
  'vice president of sales',
  'system administrator',
  'system customizer',
])

function normaliseRole(role: string): string {
  return role.toLowerCase().replace(/[\s_-]+/g, ' ').trim()
}

/**
 * Whether one of a user's security roles is a sales role (see {@link SALES_ROLES}).
 *
 * @example
 * hasSalesRole(['Basic User', 'Sales-Manager']) //=> true
 * hasSalesRole(['Basic User']) //=> false
 */
export function hasSalesRole(roles: readonly string[]): boolean {
  requireArray(roles, ['roles'], 'hasSalesRole')
  try {
    // SALES_ROLES are written in normal form, so they compare as they are: no table is built at import.
    return roles.some((role) => typeof role === 'string' && SALES_ROLES.includes(normaliseRole(role)))
  } catch (error) {
    // A proxy or getter in the list that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error, ['roles'])
  }
}
