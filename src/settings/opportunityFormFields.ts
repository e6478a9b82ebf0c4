import type { Opportunity } from '../records/types.js'

/**
 * The fields an opportunity form shown during qualification may hold: the seller-editable fields of an
 * `Opportunity` (system fields such as `id`, `version`, `state` and `originatingLeadId` are set by qualification
 * itself). A host's own custom fields are written `extra.<name>`.
 *
 * @example
 * OPPORTUNITY_FORM_FIELDS.includes('estimatedRevenue') //=> true
 * OPPORTUNITY_FORM_FIELDS.includes('state') //=> false
 */
export const OPPORTUNITY_FORM_FIELDS: readonly (keyof Opportunity & string)[] = Object.freeze([
  'topic',
  'accountId',
  'contactId',
  'currency',
  'estimatedRevenue',
  'estimatedCloseDate',
  'description',
  'budgetAmount',
  'purchaseTimeframe',
  'purchaseProcess',
  'decisionMaker',
  'ownerId',
  'processStage',
] as const)

/**
 * The fields of the product's default opportunity quick-create form, used when `opportunityFormFields` is empty.
 *
 * @example
 * DEFAULT_OPPORTUNITY_FORM_FIELDS //=> ['topic', 'currency', 'estimatedRevenue', 'estimatedCloseDate', 'description']
 */
export const DEFAULT_OPPORTUNITY_FORM_FIELDS: readonly (keyof Opportunity & string)[] = Object.freeze([
  'topic',
  'currency',
  'estimatedRevenue',
  'estimatedCloseDate',
  'description',
] as const)

