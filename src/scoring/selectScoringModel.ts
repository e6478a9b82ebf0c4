import { compareAsc } from 'date-fns/compareAsc'
import { LeadkitError } from '../errors.js'
import { asLeadkitError } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import { compileConditions } from './internal/conditions.js'
import type { ScoringModel } from './types.js'

/**
 * The most published scoring models the product allows at once.
 *
 * @example
 * MAX_PUBLISHED_SCORING_MODELS //=> 10
 */
export const MAX_PUBLISHED_SCORING_MODELS = 10

/**
 * Picks the published model that should score a lead, among several (one per line of business, say): a model
 * whose conditions the lead meets and whose process flow (if it has one) the lead runs in. The most specific
 * model wins: most conditions first, counting a process flow as one more condition; then the most recently
 * trained; then the smaller `id`, so the choice never depends on the order of `models`. Drafts are ignored.
 *
 * @param models - the organisation's models; at most 10 may be published
 * @param lead - the lead to score
 * @returns the model to use, or undefined when none applies
 * @throws LeadkitError `invalid_value` when more than 10 models are published
 * @example
 * selectScoringModel([allLeads, retailOnly], { ...lead, extra: { lineOfBusiness: 'Retail' } })?.name //=> 'Retail'
 */
export function selectScoringModel(models: readonly ScoringModel[], lead: Lead): ScoringModel | undefined {
  try {
    return selectScoringModelUnguarded(models, lead)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function selectScoringModelUnguarded(models: readonly ScoringModel[], lead: Lead): ScoringModel | undefined {
  const published = models.filter((model) => model.published)
  if (published.length > MAX_PUBLISHED_SCORING_MODELS) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: [],
      message: `At most ${MAX_PUBLISHED_SCORING_MODELS} scoring models can be published at once (got ${published.length}); unpublish some.`,
    })
  }
  let best: ScoringModel | undefined
  let bestSpecificity = -1
  for (const model of published) {
    if (model.processFlow !== undefined && lead.processFlow !== model.processFlow) continue
    if (!compileConditions(model.conditions)(lead)) continue
    const specificity = model.conditions.length + (model.processFlow === undefined ? 0 : 1)
    if (best === undefined || specificity > bestSpecificity || (specificity === bestSpecificity && isPreferred(model, best))) {
      best = model
      bestSpecificity = specificity
    }
  }
  return best
}

function isPreferred(candidate: ScoringModel, current: ScoringModel): boolean {
  // NaN when either date is unreadable: then neither is more recent, and nor is the id compared (as before).
  const order = compareAsc(candidate.trainedOn, current.trainedOn)
  if (order !== 0) return order > 0
  return candidate.id < current.id
}
