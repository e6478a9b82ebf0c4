import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { formatPath, InputReader } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import {
  attributeDefinition,
  BUILT_IN_ATTRIBUTE_NAMES,
  binLabel,
  binOf,
  booleanKey,
  createTextNormaliser,
  EMPTY,
  OTHER,
  quantileCuts,
  type AttributeDefinition,
} from './internal/attributes.js'
import { READINESS_OPTION_KEYS, readReadinessOptions, selectTrainingLeads } from './internal/history.js'
import { withPreparedSlot } from './internal/prepared.js'
import { areaUnderCurve, fitLogistic, fitPlatt, type FeatureMatrix } from './internal/learn.js'
import { createPrng, shuffleInPlace } from '../internal/prng.js'
import { stableHash } from '../internal/stableHash.js'
import type { ScoringModel, ScoringModelAttribute, TrainScoringModelOptions } from './types.js'

// Values seen on fewer training leads than this share one `(other)` weight: too few to learn from alone.
const MIN_VALUE_COUNT = 5
// A free-text attribute (job title, a custom field) keeps at most this many distinct values.
const MAX_VALUES = 40
// Information value below which an attribute is "not predictive" in credit-scoring practice.
const MIN_INFORMATION_VALUE = 0.02
const L2_PENALTY = 1
const TRAINING_OPTION_KEYS: readonly string[] = [
  ...READINESS_OPTION_KEYS,
  'seed',
  'id',
  'name',
  'published',
  'attributes',
  'holdoutFraction',
]
const CHOICE_KEYS: readonly string[] = ['name', 'ignoreEmptyValues']

interface Choice {
  readonly definition: AttributeDefinition
  readonly ignoreEmptyValues: boolean
}

/** One attribute, encoded for every usable lead: the index of its value, or -1 when ignored. */
interface Encoded {
  readonly choice: Choice
  readonly keys: readonly string[]
  readonly cuts: readonly number[] | undefined
  readonly codes: Int32Array
  readonly qualified: Int32Array
  readonly disqualified: Int32Array
  readonly informationValue: number
}

/**
 * Trains a lead scoring model on closed leads: logistic regression over binned attributes, calibrated on held-out
 * leads, with the holdout's AUC recorded. Refuses with `not_enough_data` (the readiness report in `details`) when
 * there are fewer than 40 usable qualified or disqualified leads. An unknown option (`publised`) is `invalid_value`
 * with the nearest known option named. Training cost grows linearly with attributes × leads (see docs/scoring.md).
 *
 * @param leads - the history; only closed leads inside the window that meet the options are used
 * @param options - `now`, the training window, conditions, process flow, attributes, seed, id, name, `published`
 * @returns a frozen, JSON-serialisable model
 * @example
 * const model = trainScoringModel(history, { now: '2026-06-01T00:00:00Z', seed: 7, published: true })
 * model.holdoutAuc //=> 0.87
 * model.attributes.map((a) => a.name) //=> ['budgetStatus', 'purchaseTimeframe', 'decisionMaker', …]
 */
export function trainScoringModel(leads: readonly Lead[], options: TrainScoringModelOptions): ScoringModel {
  const reader = new InputReader()
  const settings = readReadinessOptions(reader, options, TRAINING_OPTION_KEYS, 'the training options')
  const input = (options ?? {}) as unknown as Readonly<Record<string, unknown>>
  const seed = input.seed === undefined ? 1 : reader.number(input.seed, ['seed'], { integer: true, min: 0, max: 4294967295 })
  const id = reader.string(input.id, ['id'], { max: 100 })
  const name = reader.string(input.name, ['name'], { max: 200 })
  const published = reader.boolean(input.published, ['published']) ?? false
  const holdoutFraction =
    input.holdoutFraction === undefined ? 0.2 : reader.number(input.holdoutFraction, ['holdoutFraction'], { min: 0.1, max: 0.5 })
  const choices = readChoices(reader, input.attributes)
  reader.throwIfAny()
  if (settings === undefined || seed === undefined || holdoutFraction === undefined) throw new LeadkitError(reader.issues)

  const { report, usable, labels } = selectTrainingLeads(leads, settings)
  if (!report.ready) {
    throw new LeadkitError(
      {
        code: 'not_enough_data',
        path: [],
        message:
          `A scoring model needs at least 40 qualified and 40 disqualified leads created and closed in the training window; ` +
          `found ${report.qualified} qualified and ${report.disqualified} disqualified. ` +
          `Widen the training window (up to 24 months) or loosen the conditions.`,
      },
      { details: report },
    )
  }

  const isHoldout = splitHoldout(labels, holdoutFraction, seed)
  const candidates = choices ?? BUILT_IN_ATTRIBUTE_NAMES.map((n) => ({ definition: attributeDefinition(n) as AttributeDefinition, ignoreEmptyValues: false }))
  // Lead-major reading: each lead object is visited once for every candidate attribute, instead of once per
  // attribute, because on large histories the cost is memory access to the leads, not the reading itself.
  const raws = candidates.map(() => new Array<string | number | boolean | undefined>(usable.length))
  const readers = candidates.map((choice) => choice.definition.read)
  // This run's own memo of normalised text: it goes when the run ends.
  const text = createTextNormaliser()
  for (let i = 0; i < usable.length; i++) {
    const lead = usable[i] as Lead
    for (let j = 0; j < readers.length; j++) (raws[j] as unknown[])[i] = (readers[j] as AttributeDefinition['read'])(lead, text)
  }
  const encoded = candidates.map((choice, j) => encode(choice, raws[j] as readonly (string | number | boolean | undefined)[], labels, isHoldout))
  const selected =
    choices !== undefined
      ? encoded
      : selectByInformationValue(encoded)

  // Feature offsets: attribute j's value v is feature offsets[j] + v.
  const offsets: number[] = []
  let features = 0
  for (const attribute of selected) {
    offsets.push(features)
    features += attribute.keys.length
  }
  const width = selected.length
  let trainingCount = 0
  for (const holdout of isHoldout) if (!holdout) trainingCount += 1
  const holdoutCount = usable.length - trainingCount
  const rows = new Int32Array(trainingCount * width)
  const trainLabels = new Uint8Array(trainingCount)
  const holdoutRows = new Int32Array(holdoutCount * width)
  const holdoutLabels = new Uint8Array(holdoutCount)
  let t = 0
  let h = 0
  for (let i = 0; i < usable.length; i++) {
    const toHoldout = isHoldout[i] === 1
    const target = toHoldout ? holdoutRows : rows
    const base = (toHoldout ? h : t) * width
    for (let j = 0; j < width; j++) {
      const code = (selected[j] as Encoded).codes[i] as number
      target[base + j] = code < 0 ? -1 : (offsets[j] as number) + code
    }
    if (toHoldout) holdoutLabels[h++] = labels[i] ? 1 : 0
    else trainLabels[t++] = labels[i] ? 1 : 0
  }
  const matrix: FeatureMatrix = { rows, count: trainingCount, width, features }
  const { weights, intercept } = fitLogistic(matrix, trainLabels, L2_PENALTY)

  const holdoutScores = new Float64Array(holdoutCount)
  for (let i = 0; i < holdoutCount; i++) {
    let z = intercept
    for (let j = 0; j < width; j++) {
      const f = holdoutRows[i * width + j] as number
      if (f >= 0) z += weights[f] as number
    }
    holdoutScores[i] = z
  }
  const holdoutAuc = areaUnderCurve(holdoutScores, holdoutLabels)
  const calibration = fitPlatt(holdoutScores, holdoutLabels)

  const attributes: ScoringModelAttribute[] = selected.map((attribute, j) => {
    const offset = offsets[j] as number
    const base = {
      name: attribute.choice.definition.name,
      kind: attribute.choice.definition.kind,
      ignoreEmptyValues: attribute.choice.ignoreEmptyValues,
      informationValue: round(attribute.informationValue, 6),
    }
    const values = attribute.keys.map((value, v) => ({
      value,
      qualified: attribute.qualified[v] as number,
      disqualified: attribute.disqualified[v] as number,
      weight: plainZero(weights[offset + v] as number),
    }))
    return attribute.cuts === undefined ? { ...base, values } : { ...base, cuts: attribute.cuts, values }
  })

  const conditions = settings.conditions
  const identity = JSON.stringify([settings.now, seed, settings.trainingWindow, conditions, settings.processFlow, report.qualified, report.disqualified, attributes.map((a) => a.name)])
  const model: ScoringModel = {
    formatVersion: 1,
    id: id ?? `scoring-model-${stableHash(identity)}`,
    name: name ?? 'Lead scoring model',
    published,
    trainedOn: settings.now,
    seed,
    trainingWindow: settings.trainingWindow,
    conditions,
    ...(settings.processFlow === undefined ? {} : { processFlow: settings.processFlow }),
    attributes,
    intercept: plainZero(intercept),
    calibration: { method: 'platt', a: calibration.a, b: plainZero(calibration.b) },
    holdoutAuc,
    counts: { qualified: report.qualified, disqualified: report.disqualified, training: trainingCount, holdout: holdoutCount },
  }
  // The slot scoreLead compiles the model into on first use; frozen with the model, not enumerable.
  return deepFreeze(withPreparedSlot(model))
}

// JSON writes -0 as 0; normalising here keeps a model equal to its JSON round trip.
function plainZero(value: number): number {
  return value + 0
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

function readChoices(reader: InputReader, input: unknown): Choice[] | undefined {
  const list = reader.array(input, ['attributes'])
  if (list === undefined) return undefined
  if (list.length === 0) {
    reader.add('invalid_value', ['attributes'], 'attributes must name at least one attribute; leave it out to choose them automatically')
    return undefined
  }
  const seen = new Set<string>()
  const choices: Choice[] = []
  list.forEach((item, index) => {
    const path = typeof item === 'string' ? ['attributes', index] : ['attributes', index, 'name']
    let name: string | undefined
    let ignoreEmptyValues = false
    if (typeof item === 'string') {
      name = reader.string(item, path, { required: true })
    } else {
      const object = reader.object(item, ['attributes', index])
      if (object === undefined) return
      name = reader.string(object.name, path, { required: true })
      ignoreEmptyValues = reader.boolean(object.ignoreEmptyValues, ['attributes', index, 'ignoreEmptyValues']) ?? false
      reader.knownKeys(object, CHOICE_KEYS, ['attributes', index], 'an attribute choice')
    }
    if (name === undefined) return
    const definition = attributeDefinition(name)
    if (definition === undefined) {
      reader.add(
        'invalid_value',
        path,
        `${formatPath(path)} must be one of ${BUILT_IN_ATTRIBUTE_NAMES.join(', ')} or extra.<field> (got "${name}")`,
      )
      return
    }
    if (seen.has(name)) {
      reader.add('invalid_value', path, `${formatPath(path)} names "${name}" twice; list each attribute once`)
      return
    }
    seen.add(name)
    choices.push({ definition, ignoreEmptyValues })
  })
  return choices
}

/** Marks about `fraction` of each outcome for the holdout, by a seeded shuffle, so both outcomes are represented. */
function splitHoldout(labels: readonly boolean[], fraction: number, seed: number): Uint8Array {
  const random = createPrng(seed)
  const isHoldout = new Uint8Array(labels.length)
  for (const outcome of [true, false]) {
    const indices: number[] = []
    labels.forEach((label, i) => {
      if (label === outcome) indices.push(i)
    })
    shuffleInPlace(indices, random)
    const take = Math.max(1, Math.round(indices.length * fraction))
    for (let k = 0; k < take; k++) isHoldout[indices[k] as number] = 1
  }
  return isHoldout
}

function encode(
  choice: Choice,
  raw: readonly (string | number | boolean | undefined)[],
  labels: readonly boolean[],
  isHoldout: Uint8Array,
): Encoded {
  const { definition, ignoreEmptyValues } = choice
  const codes = new Int32Array(raw.length)
  let keys: string[]
  let cuts: number[] | undefined
  if (definition.kind === 'number') {
    const trainingValues: number[] = []
    raw.forEach((value, i) => {
      if (typeof value === 'number' && isHoldout[i] === 0) trainingValues.push(value)
    })
    cuts = quantileCuts(Float64Array.from(trainingValues))
    keys = Array.from({ length: cuts.length + 1 }, (_, b) => binLabel(cuts as number[], b))
    const empty = ignoreEmptyValues ? -1 : keys.length
    if (!ignoreEmptyValues) keys.push(EMPTY)
    raw.forEach((value, i) => {
      codes[i] = typeof value === 'number' ? binOf(cuts as number[], value) : empty
    })
  } else if (definition.kind === 'boolean' || definition.kind === 'presence') {
    keys = [booleanKey(definition.kind, true), booleanKey(definition.kind, false)]
    const empty = ignoreEmptyValues ? -1 : keys.length
    if (!ignoreEmptyValues && definition.kind === 'boolean') keys.push(EMPTY)
    raw.forEach((value, i) => {
      codes[i] = value === true ? 0 : value === false ? 1 : empty
    })
  } else {
    const counts = new Map<string, number>()
    raw.forEach((value, i) => {
      if (typeof value === 'string' && isHoldout[i] === 0) counts.set(value, (counts.get(value) ?? 0) + 1)
    })
    keys = [...counts.entries()]
      .filter(([, count]) => count >= MIN_VALUE_COUNT)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .slice(0, MAX_VALUES)
      .map(([value]) => value)
    const index = new Map(keys.map((key, k) => [key, k]))
    const other = keys.length
    keys.push(OTHER)
    const empty = ignoreEmptyValues ? -1 : keys.length
    if (!ignoreEmptyValues) keys.push(EMPTY)
    raw.forEach((value, i) => {
      codes[i] = typeof value === 'string' ? (index.get(value) ?? other) : empty
    })
  }
  const qualified = new Int32Array(keys.length)
  const disqualified = new Int32Array(keys.length)
  for (let i = 0; i < raw.length; i++) {
    const code = codes[i] as number
    if (code < 0 || isHoldout[i] === 1) continue
    if (labels[i]) qualified[code] = (qualified[code] as number) + 1
    else disqualified[code] = (disqualified[code] as number) + 1
  }
  return { choice, keys, cuts, codes, qualified, disqualified, informationValue: informationValue(qualified, disqualified) }
}

/** Information value: Σ (q% − d%) · ln(q% / d%), with half-counts so an unseen outcome is not infinite. */
function informationValue(qualified: Int32Array, disqualified: Int32Array): number {
  let totalQ = 0
  let totalD = 0
  for (let v = 0; v < qualified.length; v++) {
    totalQ += (qualified[v] as number) + 0.5
    totalD += (disqualified[v] as number) + 0.5
  }
  let iv = 0
  for (let v = 0; v < qualified.length; v++) {
    const q = ((qualified[v] as number) + 0.5) / totalQ
    const d = ((disqualified[v] as number) + 0.5) / totalD
    iv += (q - d) * Math.log(q / d)
  }
  return iv
}

function selectByInformationValue(encoded: readonly Encoded[]): Encoded[] {
  const ranked = [...encoded].sort((x, y) => y.informationValue - x.informationValue)
  const useful = ranked.filter((attribute) => attribute.informationValue >= MIN_INFORMATION_VALUE)
  // Even when nothing is predictive the model needs one attribute to explain its (near-constant) score.
  return useful.length > 0 ? useful : ranked.slice(0, 1)
}
