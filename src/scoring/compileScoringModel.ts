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
import type { CompiledScoringModel, ScoreFactor, ScoringModel, ScoringModelAttribute } from './types.js'

/** An attribute as lookup tables: its weight for a lead, and the value key that weight belongs to. */
export interface CompiledAttribute {
  readonly name: string
  weight(lead: Lead): number
  /** The value key, or undefined when an empty value is ignored. */
  key(lead: Lead): string | undefined
  readonly weights: ReadonlyMap<string, number>
}

/**
 * Compiles a model into lookup tables once, for scoring many leads fast. It checks no eligibility rule (published,
 * open, created within 2 years, conditions): {@link scoreLead} does, and uses this underneath.
 *
 * @param model - a model from {@link trainScoringModel} or {@link parseScoringModel}
 * @returns a scorer with `score(lead)` (0–100), `probability(lead)` and `factors(lead)`
 * @example
 * const scorer = compileScoringModel(model)
 * scorer.score(lead) //=> 82
 */
export function compileScoringModel(model: ScoringModel): CompiledScoringModel {
  return compileWithAttributes(model).scorer
}

/** The compiled scorer and its per-attribute tables, which {@link scoreLead} walks once to score and explain. */
export function compileWithAttributes(model: ScoringModel): { readonly scorer: CompiledScoringModel; readonly attributes: readonly CompiledAttribute[] } {
  // The compiled form's own memo of normalised text, shared by its attributes: it lives as long as the scorer.
  const text = createTextNormaliser()
  const attributes = model.attributes.map((attribute) => compileAttribute(attribute, text))
  const weightFns = attributes.map((attribute) => attribute.weight)
  const { intercept } = model
  const { a, b } = model.calibration
  const count = weightFns.length
  const logOdds = (lead: Lead): number => {
    let z = intercept
    for (let j = 0; j < count; j++) z += (weightFns[j] as (lead: Lead) => number)(lead)
    return z
  }
  const probability = (lead: Lead): number => sigmoid(a * logOdds(lead) + b)
  const scorer: CompiledScoringModel = Object.freeze({
    model,
    probability,
    score: (lead: Lead): number => Math.round(100 * probability(lead)),
    factors: (lead: Lead): ScoreFactor[] => {
      const factors: ScoreFactor[] = []
      for (const attribute of attributes) {
        const value = attribute.key(lead)
        if (value === undefined) continue
        factors.push({ attribute: attribute.name, value, weight: a * (attribute.weights.get(value) ?? 0) })
      }
      return factors
    },
  })
  return { scorer, attributes }
}

function compileAttribute(attribute: ScoringModelAttribute, text: NormaliseText): CompiledAttribute {
  const definition = attributeDefinition(attribute.name)
  const weights = new Map(attribute.values.map((value) => [value.value, value.weight]))
  const read: AttributeDefinition['read'] = definition === undefined ? () => undefined : definition.read
  const ignore = attribute.ignoreEmptyValues
  const emptyWeight = ignore ? 0 : (weights.get(EMPTY) ?? 0)
  const emptyKey = ignore ? undefined : EMPTY
  const name = attribute.name
  switch (attribute.kind) {
    case 'number': {
      const cuts = attribute.cuts ?? []
      const labels = Array.from({ length: cuts.length + 1 }, (_, i) => binLabel(cuts, i))
      const binWeights = Float64Array.from(labels, (label) => weights.get(label) ?? 0)
      return {
        name,
        weights,
        weight: (lead) => {
          const value = read(lead, text)
          return typeof value === 'number' ? (binWeights[binOf(cuts, value)] as number) : emptyWeight
        },
        key: (lead) => {
          const value = read(lead, text)
          return typeof value === 'number' ? labels[binOf(cuts, value)] : emptyKey
        },
      }
    }
    case 'boolean':
    case 'presence': {
      const yes = attribute.kind === 'presence' ? 'present' : 'yes'
      const no = attribute.kind === 'presence' ? 'absent' : 'no'
      const yesWeight = weights.get(yes) ?? 0
      const noWeight = weights.get(no) ?? 0
      return {
        name,
        weights,
        weight: (lead) => {
          const value = read(lead, text)
          return value === true ? yesWeight : value === false ? noWeight : emptyWeight
        },
        key: (lead) => {
          const value = read(lead, text)
          return value === true ? yes : value === false ? no : emptyKey
        },
      }
    }
    case 'category': {
      const otherWeight = weights.get(OTHER) ?? 0
      return {
        name,
        weights,
        weight: (lead) => {
          const value = read(lead, text)
          if (typeof value !== 'string') return emptyWeight
          const weight = value === EMPTY ? undefined : weights.get(value)
          return weight === undefined ? otherWeight : weight
        },
        key: (lead) => {
          const value = read(lead, text)
          if (typeof value !== 'string') return emptyKey
          return weights.has(value) && value !== EMPTY ? value : OTHER
        },
      }
    }
  }
}
