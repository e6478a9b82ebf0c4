import { LeadkitError } from '../errors.js'
import { isIsoInstant } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import { compileScoringModel } from './compileScoringModel.js'
import { gradeScore } from './gradeScore.js'
import { compileConditions } from './internal/conditions.js'
import { addUtcMonths, toMs } from './internal/time.js'
import { DEFAULT_GRADE_BANDS } from './parseGradeBands.js'
import type { CompiledScoringModel, LeadNotScored, NotScoredReason, ScoreFactor, ScoreLeadOptions, ScoreLeadResult, ScoreTrend, ScoringModel } from './types.js'

interface Prepared {
  readonly scorer: CompiledScoringModel
  readonly meetsConditions: (lead: Lead) => boolean
}

// Compiling a model costs far more than scoring one lead; a model object is immutable, so its compiled form is reused.
const compiled = new WeakMap<ScoringModel, Prepared>()

function prepare(model: ScoringModel): Prepared {
  let prepared = compiled.get(model)
  if (prepared === undefined) {
    prepared = { scorer: compileScoringModel(model), meetsConditions: compileConditions(model.conditions) }
    compiled.set(model, prepared)
  }
  return prepared
}

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
  const now = options?.now
  if (typeof now !== 'string' || !isIsoInstant(now)) {
    throw new LeadkitError({
      code: typeof now === 'string' ? 'invalid_format' : 'required',
      path: ['now'],
      message: 'now must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z',
    })
  }
  const previous = options.previousScore
  if (previous !== undefined && (typeof previous !== 'number' || !(previous >= 0 && previous <= 100))) {
    throw new LeadkitError({ code: 'invalid_value', path: ['previousScore'], message: `previousScore must be a number from 0 to 100 (got ${String(previous)})` })
  }
  const { scorer, meetsConditions } = prepare(model)
  const notScored = (reason: NotScoredReason, message: string): LeadNotScored => Object.freeze({ scored: false, modelId: model.id, reason, message })
  if (!model.published) return notScored('model-not-published', `Model "${model.name}" is not published; publish it to score leads.`)
  if (lead.state !== 'open') return notScored('lead-not-open', `Only open leads are scored; this lead is ${lead.state}.`)
  const createdMs = toMs(lead.createdOn)
  if (!(createdMs >= addUtcMonths(toMs(now), -24))) {
    return notScored('created-over-2-years-ago', 'Only leads created within the last 2 years are scored; this lead is older.')
  }
  if (!meetsConditions(lead)) return notScored('condition-mismatch', `The lead does not meet the conditions of model "${model.name}".`)
  if (model.processFlow !== undefined && lead.processFlow !== model.processFlow) {
    return notScored('process-flow-mismatch', `Model "${model.name}" scores leads in the "${model.processFlow}" process flow only.`)
  }
  const score = scorer.score(lead)
  const factors = scorer.factors(lead).map(roundFactor)
  const positive = factors.filter((f) => f.weight > 0).sort((x, y) => y.weight - x.weight).slice(0, FACTOR_COUNT)
  const negative = factors.filter((f) => f.weight < 0).sort((x, y) => x.weight - y.weight).slice(0, FACTOR_COUNT)
  return Object.freeze({
    scored: true,
    modelId: model.id,
    score,
    grade: gradeScore(score, options.bands ?? DEFAULT_GRADE_BANDS),
    factors: Object.freeze({ positive: Object.freeze(positive), negative: Object.freeze(negative) }),
    trend: trendOf(score, previous),
  })
}

function roundFactor(factor: ScoreFactor): ScoreFactor {
  return Object.freeze({ ...factor, weight: Math.round(factor.weight * 1000) / 1000 })
}

// Scores are whole numbers, so any change of at least one point is a real move.
function trendOf(score: number, previous: number | undefined): ScoreTrend {
  if (previous === undefined) return 'not-enough-info'
  const rounded = Math.round(previous)
  if (score > rounded) return 'improving'
  if (score < rounded) return 'declining'
  return 'steady'
}
