import { LeadkitError } from '../errors.js'
import { asLeadkitError, describe } from '../internal/validate.js'
import { gradeScore } from './gradeScore.js'
import { sigmoid } from './internal/learn.js'
import { preparedOf } from './internal/prepared.js'
import type { CompiledAttribute, CompiledInteraction } from './compileScoringModel.js'
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
 * //=> { scored: true, modelId: '9c1f3e0a-5b7d-5e2c-8a4f-1d6b3e9c7a20', score: 82, grade: 'A', factors: { positive: [{ attribute: 'budgetStatus', value: 'will-buy', weight: 1.21 }, …], negative: […] }, trend: 'improving' }
 */
export function scoreLead(model: ScoringModel, lead: Lead, options: ScoreLeadOptions): ScoreLeadResult {
  try {
    return scoreLeadUnguarded(model, lead, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function scoreLeadUnguarded(model: ScoringModel, lead: Lead, options: ScoreLeadOptions): ScoreLeadResult {
  // Only a model leadkit trained or parsed is trusted; any other object is parsed once (and refused with
  // invalid_model when it cannot score), and its checked copy is what scores (see internal/prepared.ts).
  const prepared = preparedOf(model)
  const trusted = prepared.model
  const cutoffMs = prepared.twoYearCutoff(options?.now)
  const previous = options.previousScore
  if (previous !== undefined && (typeof previous !== 'number' || !(previous >= 0 && previous <= 100))) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['previousScore'],
      message: `previousScore must be a number from 0 to 100 (got ${describe(previous)})`,
    })
  }
  const compiled = prepared.compiled
  const name = trusted.name
  if (!trusted.published) {
    return notScored(trusted, 'model-not-published', `Model "${name}" is not published; publish it to score leads.`)
  }
  if (lead.state !== 'open') {
    return notScored(trusted, 'lead-not-open', `Only open leads are scored; this lead is ${lead.state}.`)
  }
  const createdMs = toMs(lead.createdOn)
  if (!(createdMs >= cutoffMs)) {
    const message = 'Only leads created within the last 2 years are scored; this lead is older.'
    return notScored(trusted, 'created-over-2-years-ago', message)
  }
  if (!compiled.meetsConditions(lead)) {
    return notScored(trusted, 'condition-mismatch', `The lead does not meet the conditions of model "${name}".`)
  }
  if (trusted.processFlow !== undefined && lead.processFlow !== trusted.processFlow) {
    const message = `Model "${name}" scores leads in the "${trusted.processFlow}" process flow only.`
    return notScored(trusted, 'process-flow-mismatch', message)
  }
  // One pass reads each term once for both the score and its explanation; the sum is the one compileScoringModel's
  // score() makes (same terms, same order of additions), so both give the same number.
  const { intercept, calibration } = trusted
  const a = calibration.a
  let z = intercept
  const { attributes, interactions } = compiled
  const nowMs = prepared.nowMs
  const bins = new Int32Array(attributes.length)
  const candidates: Candidate[] = []
  for (let j = 0; j < attributes.length; j++) {
    const attribute = attributes[j] as CompiledAttribute
    const bin = attribute.bin(lead, nowMs)
    bins[j] = bin
    if (bin < 0) continue
    const raw = attribute.weights[bin] as number
    z += raw
    const weight = Math.round(a * raw * 1000) / 1000
    if (weight !== 0) candidates.push({ weight, group: attribute.group, term: j, cell: bin })
  }
  // Interactions come after the attributes, in the order compileScoringModel adds them; each is a group of its own.
  for (let p = 0; p < interactions.length; p++) {
    const pair = interactions[p] as CompiledInteraction
    const x = bins[pair.first] as number
    const y = bins[pair.second] as number
    if (x < 0 || y < 0) continue
    const raw = pair.weights[(pair.groupsFirst[x] as number) * pair.cols + (pair.groupsSecond[y] as number)] as number
    z += raw
    const weight = Math.round(a * raw * 1000) / 1000
    const candidate = { weight, group: -1 - p, term: attributes.length + p, cell: 0 }
    if (weight !== 0) candidates.push(candidate)
  }
  const explain = (candidate: Candidate): ScoreFactor => {
    const { term, weight } = candidate
    if (term < attributes.length) {
      const attribute = attributes[term] as CompiledAttribute
      return Object.freeze({ attribute: attribute.name, value: attribute.keys[candidate.cell] as string, weight })
    }
    const pair = interactions[term - attributes.length] as CompiledInteraction
    const first = attributes[pair.first] as CompiledAttribute
    const second = attributes[pair.second] as CompiledAttribute
    const value = `${first.keys[bins[pair.first] as number]} & ${second.keys[bins[pair.second] as number]}`
    return Object.freeze({ attribute: pair.name, value, weight })
  }
  const score = Math.round(100 * sigmoid(a * z + calibration.b))
  return Object.freeze({
    scored: true,
    modelId: trusted.id,
    score,
    grade: gradeScore(score, options.bands ?? DEFAULT_GRADE_BANDS),
    factors: Object.freeze({
      positive: Object.freeze(strongest(candidates, 1).map(explain)),
      negative: Object.freeze(strongest(candidates, -1).map(explain)),
    }),
    trend: trendOf(score, previous),
  })
}

/** A term of this lead's score that may become a factor: its calibrated weight, group, term and bin. */
interface Candidate {
  readonly weight: number
  readonly group: number
  /** The attribute's index, or the number of attributes plus the interaction's index. */
  readonly term: number
  readonly cell: number
}

function notScored(model: ScoringModel, reason: NotScoredReason, message: string): LeadNotScored {
  return Object.freeze({ scored: false, modelId: model.id, reason, message })
}

/**
 * The FACTOR_COUNT strongest candidates of one sign (`sign` 1 for positive, -1 for negative), strongest first, ties
 * in model order. A group of near-duplicate attributes (a grade and its interest rate) says one thing and takes one
 * slot in both lists together: only its member with the largest effect either way is a candidate, so collinear
 * attributes that split an effect into opposite parts do not show as a reason for and a reason against.
 */
function strongest(candidates: readonly Candidate[], sign: 1 | -1): Candidate[] {
  const byEffect = [...candidates].sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || x.term - y.term)
  const used = new Set<number>()
  const out: Candidate[] = []
  for (const candidate of byEffect) {
    if (used.has(candidate.group)) continue
    used.add(candidate.group)
    if (sign * candidate.weight > 0 && out.length < FACTOR_COUNT) out.push(candidate)
  }
  return out
}

// Scores are whole numbers, so any change of at least one point is a real move.
function trendOf(score: number, previous: number | undefined): ScoreTrend {
  if (previous === undefined) return 'not-enough-info'
  const rounded = Math.round(previous)
  if (score > rounded) return 'improving'
  if (score < rounded) return 'declining'
  return 'steady'
}
