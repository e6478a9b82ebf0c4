import type { Lead } from '../records/types.js'
import {
  attributeDefinition,
  binLabel,
  binOf,
  createTextNormaliser,
  EMPTY,
  OTHER,
  type AttributeDefinition,
  type NormaliseText,
} from './internal/attributes.js'
import { sigmoid } from './internal/learn.js'
import { trustedModel } from './internal/prepared.js'
import { createScorerPlan, planLogOdds } from './internal/scorerPlan.js'
import { toMs } from './internal/time.js'
import type {
  CompileScoringModelOptions,
  CompiledScoringModel,
  ScoreFactor,
  ScoringModel,
  ScoringModelAttribute,
} from './types.js'
import { LeadkitError } from '../errors.js'
import { asLeadkitError, isIsoInstant } from '../internal/validate.js'

/** An attribute as lookup tables: a lead's value index (its bin) and the weight and key of each value. */
export interface CompiledAttribute {
  readonly name: string
  /** The attribute's group of near-duplicates (see `ScoringModelAttribute.group`). */
  readonly group: number
  /** The index of the lead's value in `keys` and `weights`, or -1 when an empty value is ignored. */
  bin(lead: Lead, nowMs: number): number
  readonly keys: readonly string[]
  readonly weights: Float64Array
}

/** An interaction as a table over two attributes' value indexes. */
export interface CompiledInteraction {
  readonly name: string
  readonly first: number
  readonly second: number
  readonly groupsFirst: Int32Array
  readonly groupsSecond: Int32Array
  readonly cols: number
  readonly weights: Float64Array
}

/** A model's terms compiled: what {@link scoreLead} walks to score and explain. */
export interface CompiledTerms {
  readonly attributes: readonly CompiledAttribute[]
  readonly interactions: readonly CompiledInteraction[]
  /** The normaliser (and memo) of category text the attributes read with. */
  readonly text: NormaliseText
}

/**
 * Compiles a model into lookup tables once, for scoring many leads fast. It checks no eligibility rule (published,
 * open, created within 2 years, conditions): {@link scoreLead} does, and uses this underneath. A model that did not
 * come from {@link trainScoringModel} or {@link parseScoringModel} is checked as the parser would, and refused with
 * `invalid_model` when it could not score.
 *
 * @param model - a model from {@link trainScoringModel} or {@link parseScoringModel}
 * @param options - `now`, the instant date attributes' ages are measured at; the model's `trainedOn` when absent
 * @returns a scorer with `score(lead)` (0–100), `probability(lead)` and `factors(lead)`
 * @example
 * const scorer = compileScoringModel(model, { now: '2026-06-01T00:00:00Z' })
 * scorer.score(lead) //=> 82
 */
export function compileScoringModel(model: ScoringModel, options?: CompileScoringModelOptions): CompiledScoringModel {
  try {
    return compileScoringModelUnguarded(model, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function compileScoringModelUnguarded(model: ScoringModel, options?: CompileScoringModelOptions): CompiledScoringModel {
  const trusted = trustedModel(model)
  const now = options?.now
  if (now !== undefined && (typeof now !== 'string' || !isIsoInstant(now))) {
    throw new LeadkitError({
      code: typeof now === 'string' ? 'invalid_format' : 'invalid_type',
      path: ['now'],
      message: 'now must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z',
    })
  }
  return compileScorer(trusted, compileTerms(trusted), toMs(now ?? trusted.trainedOn))
}

/** The scorer over compiled terms, ages measured at `nowMs`. */
function compileScorer(model: ScoringModel, terms: CompiledTerms, nowMs: number): CompiledScoringModel {
  const { intercept } = model
  const { a, b } = model.calibration
  // score() and probability() walk a flat plan of the same terms (one call per lead, not one per attribute);
  // factors() walks the terms themselves, as scoreLead does, and the tests hold both to the same sums.
  const plan = createScorerPlan(model, terms.text)
  const probability = (lead: Lead): number => sigmoid(a * planLogOdds(plan, intercept, lead, nowMs) + b)
  return Object.freeze({
    model,
    probability,
    score: (lead: Lead): number => Math.round(100 * probability(lead)),
    factors: (lead: Lead): ScoreFactor[] => termFactors(terms, lead, nowMs, a),
  })
}

/**
 * Every term's part in a lead's score, in model order (attributes, then interactions), weights in calibrated
 * log-odds (`a × weight`, not rounded); attributes that ignore the lead's empty value are left out.
 */
export function termFactors(terms: CompiledTerms, lead: Lead, nowMs: number, a: number): ScoreFactor[] {
  const factors: ScoreFactor[] = []
  const bins = terms.attributes.map((attribute) => attribute.bin(lead, nowMs))
  terms.attributes.forEach((attribute, j) => {
    const bin = bins[j] as number
    if (bin < 0) return
    const weight = a * (attribute.weights[bin] as number)
    factors.push({ attribute: attribute.name, value: attribute.keys[bin] as string, weight })
  })
  for (const pair of terms.interactions) {
    const x = bins[pair.first] as number
    const y = bins[pair.second] as number
    if (x < 0 || y < 0) continue
    const first = terms.attributes[pair.first] as CompiledAttribute
    const second = terms.attributes[pair.second] as CompiledAttribute
    const cell = (pair.groupsFirst[x] as number) * pair.cols + (pair.groupsSecond[y] as number)
    const weight = pair.weights[cell] as number
    factors.push({ attribute: pair.name, value: `${first.keys[x]} & ${second.keys[y]}`, weight: a * weight })
  }
  return factors
}

/** A (trusted) model's attributes and interactions as lookup tables. */
export function compileTerms(model: ScoringModel): CompiledTerms {
  // The compiled form's own memo of normalised text, shared by its attributes: it lives as long as the scorer.
  const text = createTextNormaliser()
  const attributes = model.attributes.map((attribute) => compileAttribute(attribute, text))
  const index = new Map(model.attributes.map((attribute, j) => [attribute.name, j]))
  const interactions = model.interactions.map((interaction): CompiledInteraction => {
    const [firstName, secondName] = interaction.attributes
    const cols = interaction.weights[0]?.length ?? 0
    return {
      name: `${firstName} × ${secondName}`,
      first: index.get(firstName) as number,
      second: index.get(secondName) as number,
      groupsFirst: Int32Array.from(interaction.groups[0]),
      groupsSecond: Int32Array.from(interaction.groups[1]),
      cols,
      weights: Float64Array.from(interaction.weights.flat()),
    }
  })
  return { attributes, interactions, text }
}

function compileAttribute(attribute: ScoringModelAttribute, text: NormaliseText): CompiledAttribute {
  const definition = attributeDefinition(attribute.name, attribute.kind)
  const read: AttributeDefinition['read'] = definition === undefined ? () => undefined : definition.read
  const keys = attribute.values.map((value) => value.value)
  const weights = Float64Array.from(attribute.values, (value) => value.weight)
  const position = new Map(keys.map((key, k) => [key, k]))
  const empty = attribute.ignoreEmptyValues ? -1 : (position.get(EMPTY) ?? -1)
  const base = { name: attribute.name, group: attribute.group, keys, weights }
  switch (attribute.kind) {
    case 'number':
    case 'date': {
      const cuts = attribute.cuts ?? []
      const binPositions = Int32Array.from({ length: cuts.length + 1 }, (_, i) => position.get(binLabel(cuts, i)) ?? -1)
      return {
        ...base,
        bin: (lead, nowMs) => {
          const value = read(lead, text, nowMs)
          return typeof value === 'number' ? (binPositions[binOf(cuts, value)] as number) : empty
        },
      }
    }
    case 'boolean':
    case 'presence': {
      const yes = position.get(attribute.kind === 'presence' ? 'present' : 'yes') ?? -1
      const no = position.get(attribute.kind === 'presence' ? 'absent' : 'no') ?? -1
      return {
        ...base,
        bin: (lead, nowMs) => {
          const value = read(lead, text, nowMs)
          return value === true ? yes : value === false ? no : empty
        },
      }
    }
    case 'category': {
      const other = position.get(OTHER) ?? -1
      return {
        ...base,
        bin: (lead, nowMs) => {
          const value = read(lead, text, nowMs)
          if (typeof value !== 'string') return empty
          const at = value === EMPTY || value === OTHER ? undefined : position.get(value)
          return at === undefined ? other : at
        },
      }
    }
  }
}
