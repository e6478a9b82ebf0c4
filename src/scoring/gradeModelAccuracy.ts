import { LeadkitError } from '../errors.js'
import { asLeadkitError, describe } from '../internal/validate.js'
import type { Grade } from './types.js'

/**
 * The lowest holdout AUC of each model accuracy grade, best first; below the last, a model is D. The bands follow
 * Hosmer and Lemeshow's reading of the area under the ROC curve (Applied Logistic Regression, 3rd ed., §5.2.4):
 * 0.8 and above is excellent discrimination, 0.7 acceptable, and below 0.7 poor; leadkit splits poor at 0.6, near
 * the 0.55 below which training refuses a model unless `acceptWeakModel`.
 */
export const MODEL_ACCURACY_BANDS: readonly { readonly grade: Grade; readonly minAuc: number }[] = Object.freeze([
  Object.freeze({ grade: 'A' as const, minAuc: 0.8 }),
  Object.freeze({ grade: 'B' as const, minAuc: 0.7 }),
  Object.freeze({ grade: 'C' as const, minAuc: 0.6 }),
])

/**
 * The accuracy grade an admin sees for a model, from its holdout AUC: A from 0.80, B from 0.70, C from 0.60, D below
 * (each lower bound included; see {@link MODEL_ACCURACY_BANDS}). A trained model carries its own as `accuracyGrade`.
 * This grades the model, not a lead: a lead's grade comes from its score ({@link gradeScore}).
 *
 * @param auc - the area under the ROC curve, 0 to 1 (a model's `holdoutAuc`)
 * @throws LeadkitError `invalid_value` at `['auc']` for anything but a number from 0 to 1
 * @example
 * gradeModelAccuracy(0.8) //=> 'A'
 * gradeModelAccuracy(0.7999) //=> 'B'
 * gradeModelAccuracy(model.holdoutAuc) === model.accuracyGrade //=> true
 */
export function gradeModelAccuracy(auc: number): Grade {
  try {
    return gradeModelAccuracyUnguarded(auc)
  } catch (error) {
    // A getter or proxy that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function gradeModelAccuracyUnguarded(auc: number): Grade {
  if (typeof auc !== 'number' || !(auc >= 0 && auc <= 1)) {
    const message = `auc must be a number from 0 to 1 (got ${describe(auc)})`
    throw new LeadkitError({ code: 'invalid_value', path: ['auc'], message })
  }
  for (const band of MODEL_ACCURACY_BANDS) if (auc >= band.minAuc) return band.grade
  return 'D'
}
