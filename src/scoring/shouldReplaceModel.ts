import { isBefore } from 'date-fns/isBefore'
import { LeadkitError } from '../errors.js'
import { asLeadkitError, isIsoInstant } from '../internal/validate.js'
import { addUtcMonths, toMs } from './internal/time.js'
import type { ModelReplacementDecision, ScoringModel } from './types.js'

/**
 * Whether a retrained model should replace the current one: when its holdout AUC is at least 95% of the current
 * model's, or when the current model was trained more than 3 months before `now` (a stale model is replaced even
 * by a slightly weaker one, since it no longer reflects recent leads).
 *
 * @param current - the model in use
 * @param retrained - the newly trained model
 * @param now - the current instant (ISO)
 * @returns `{ replace, reason }`
 * @example
 * shouldReplaceModel({ ...current, holdoutAuc: 0.9 }, { ...retrained, holdoutAuc: 0.855 }, now) //=> { replace: true, reason: 'accurate-enough' }
 */
export function shouldReplaceModel(
  current: Pick<ScoringModel, 'holdoutAuc' | 'trainedOn'>,
  retrained: Pick<ScoringModel, 'holdoutAuc'>,
  now: string,
): ModelReplacementDecision {
  try {
    return shouldReplaceModelUnguarded(current, retrained, now)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function shouldReplaceModelUnguarded(
  current: Pick<ScoringModel, 'holdoutAuc' | 'trainedOn'>,
  retrained: Pick<ScoringModel, 'holdoutAuc'>,
  now: string,
): ModelReplacementDecision {
  if (typeof now !== 'string' || !isIsoInstant(now)) {
    throw new LeadkitError({ code: 'invalid_format', path: ['now'], message: 'now must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z' })
  }
  // Compared in integer thousandths-of-a-percent so 0.95 × 0.9 is not lost to floating-point rounding.
  if (Math.round(retrained.holdoutAuc * 1e6) * 100 >= Math.round(current.holdoutAuc * 1e6) * 95) {
    return Object.freeze({ replace: true, reason: 'accurate-enough' })
  }
  // Three calendar months back from now in UTC (see internal/time.ts for why that line is not date-fns).
  if (isBefore(current.trainedOn, addUtcMonths(toMs(now), -3))) {
    return Object.freeze({ replace: true, reason: 'current-model-over-3-months-old' })
  }
  return Object.freeze({ replace: false, reason: 'less-accurate' })
}
