import { LeadkitError } from '../errors.js'
import { describe } from '../internal/validate.js'
import { gradeScore } from './gradeScore.js'
import { sigmoid } from './internal/learn.js'
import { preparedOf } from './internal/prepared.js'
import { toMs } from './internal/time.js'
import { DEFAULT_GRADE_BANDS } from './parseGradeBands.js'
import type { Lead } from '../records/types.js'
import type { LeadNotScored, NotScoredReason, ScoreFactor, ScoreLeadOptions, ScoreLeadResult, ScoreTrend, ScoringModel } from './types.js'

const FACTOR_COUNT = 5

/**
 * Scores an open lead 0–100 with a model, grades it, explains the score with its top 5 positive and top 5 negative
 * factors, and compares it with the lead's previous score. A lead is scored only when the model is published, the
 * lead is open, it was created within the last 2 years of `now` (checked on every call), it meets the model's
 * conditions and runs in the model's process flow; otherwise the result names the first rule that failed.
 *
 * @param model - a trained or parsed model
 * @param lead - the lead to score
 * @param options - `now` (required), the `previousScore` for the trend, grade `bands`
 * @returns `{ scored: true, score, grade, factors, trend }` or `{ scored: false, reason, message }`
 * @example
 * scoreLead(model, lead, { now: '2026-06-01T00:00:00Z', previousScore: 70 })
 * //=> { scored: true, modelId: 'scoring-model-1a2b3c4d', score: 82, grade: 'A', factors: { positive: [{ attribute: 'budgetStatus', value: 'will-buy', weight: 1.21 }, …], negative: […] }, trend: 'improving' }
 */
export function scoreLead(model: ScoringModel, lead: Lead, options: ScoreLeadOptions): ScoreLeadResult {
  // The model's prepared form keeps its compiled tables and the last `now` it checked (see internal/prepared.ts).
  const prepared = preparedOf(model)
  const cutoffMs = prepared.twoYearCutoff(options?.now)
  const previous = options.previousScore
  if (previous !== undefined && (typeof previous !== 'number' || !(previous >= 0 && previous <= 100))) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['previousScore'],
      message: `previousScore must be a number from 0 to 100 (got ${describe(previous)})`,
    })
  }
  const { attributes, meetsConditions } = prepared.compiled
  if (!model.published) return notScored(model, 'model-not-published', `Model "${model.name}" is not published; publish it to score leads.`)
  if (lead.state !== 'open') return notScored(model, 'lead-not-open', `Only open leads are scored; this lead is ${lead.state}.`)
  const createdMs = toMs(lead.createdOn)
  if (!(createdMs >= cutoffMs)) {
    return notScored(model, 'created-over-2-years-ago', 'Only leads created within the last 2 years are scored; this lead is older.')
  }
  if (!meetsConditions(lead)) return notScored(model, 'condition-mismatch', `The lead does not meet the conditions of model "${model.name}".`)
  if (model.processFlow !== undefined && lead.processFlow !== model.processFlow) {
    return notScored(model, 'process-flow-mismatch', `Model "${model.name}" scores leads in the "${model.processFlow}" process flow only.`)
  }
  // One pass reads each attribute once for both the score and its explanation; the arithmetic matches
  // compileScoringModel's score() exactly (same order of additions), so both give the same number.
  const { intercept, calibration } = model
  const a = calibration.a
  let z = intercept
  const positive: ScoreFactor[] = []
  const negative: ScoreFactor[] = []
  for (const attribute of attributes) {
    const value = attribute.key(lead)
    if (value === undefined) continue
    const raw = attribute.weights.get(value) ?? 0
    z += raw
    const weight = Math.round(a * raw * 1000) / 1000
    if (weight > 0) insertTop(positive, { attribute: attribute.name, value, weight }, 1)
    else if (weight < 0) insertTop(negative, { attribute: attribute.name, value, weight }, -1)
  }
  const score = Math.round(100 * sigmoid(a * z + calibration.b))
  return Object.freeze({
    scored: true,
    modelId: model.id,
    score,
    grade: gradeScore(score, options.bands ?? DEFAULT_GRADE_BANDS),
    factors: Object.freeze({ positive: Object.freeze(positive), negative: Object.freeze(negative) }),
    trend: trendOf(score, previous),
  })
}

function notScored(model: ScoringModel, reason: NotScoredReason, message: string): LeadNotScored {
  return Object.freeze({ scored: false, modelId: model.id, reason, message })
}

/** Keeps the FACTOR_COUNT strongest factors in `list`, strongest first (`sign` 1 for positive, -1 for negative). */
function insertTop(list: ScoreFactor[], factor: ScoreFactor, sign: 1 | -1): void {
  let at = list.length
  while (at > 0 && sign * (list[at - 1] as ScoreFactor).weight < sign * factor.weight) at -= 1
  if (at >= FACTOR_COUNT) return
  list.splice(at, 0, Object.freeze(factor))
  if (list.length > FACTOR_COUNT) list.pop()
}

// Scores are whole numbers, so any change of at least one point is a real move.
function trendOf(score: number, previous: number | undefined): ScoreTrend {
  if (previous === undefined) return 'not-enough-info'
  const rounded = Math.round(previous)
  if (score > rounded) return 'improving'
  if (score < rounded) return 'declining'
  return 'steady'
}
