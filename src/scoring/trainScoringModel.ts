import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { asLeadkitError, formatPath, InputReader } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import {
  attributeDefinition,
  BUILT_IN_ATTRIBUTE_NAMES,
  binLabel,
  binOf,
  booleanKey,
  builtInDefinition,
  createTextNormaliser,
  EMPTY,
  extraKey,
  inferKind,
  isExtraKey,
  MAX_CATEGORY_VALUES,
  OTHER,
  quantileCuts,
  type AttributeDefinition,
} from './internal/attributes.js'
import {
  boostWithValidation,
  centre,
  refit,
  scoreRows,
  selectRows,
  type BinnedColumns,
  type BoostedTerms,
  type BoostSettings,
  type PairBinning,
} from './internal/boost.js'
import { gradeModelAccuracy } from './gradeModelAccuracy.js'
import { READINESS_OPTION_KEYS, readReadinessOptions, selectTrainingLeads } from './internal/history.js'
import { withPreparedSlot } from './internal/prepared.js'
import { areaUnderCurve, fitPlatt } from './internal/learn.js'
import { createPrng, shuffleInPlace } from '../internal/prng.js'
import { nameBasedGuid } from '../internal/nameBasedGuid.js'
import type {
  ScoringAttributeKind,
  ScoringInteraction,
  ScoringModel,
  ScoringModelAttribute,
  TrainScoringModelOptions,
} from './types.js'

// Values seen on fewer training leads than this share one `(other)` weight: too few to learn from alone.
const MIN_VALUE_COUNT = 5
// Information value below which an attribute is "not predictive" in credit-scoring practice.
const MIN_INFORMATION_VALUE = 0.02
// A custom field is a candidate of automatic selection when at least this share of training leads has it.
const MIN_EXTRA_SHARE = 0.01
const MAX_EXTRA_CANDIDATES = 200
// A model whose holdout AUC is below this ranks leads no better than a constant score would.
const MIN_USEFUL_AUC = 0.55
// Contributions correlated at least this much make two attributes near-duplicates in explanations.
const GROUP_CORRELATION = 0.8
// The learning rate on up to 10,000 training leads, and the most it grows to on large histories (see boostingFor).
const BOOSTING = Object.freeze({ learningRate: 0.1, maxLearningRate: 0.3, maxRounds: 1000, l2: 10, maxGroups: 8 })
// From this many training leads on, the stage-one model is kept without a refit on every lead (see training).
const REFIT_BELOW = 50_000
// Below this many holdout leads of the rarer outcome, calibration is cross-fitted on the training leads too, in
// this many folds (see calibrate).
const CROSS_FIT_MINORITY = 250
const CROSS_FIT_FOLDS = 4
// Early stopping waits this much learning (rounds × learning rate) without a better holdout loss: 25 rounds at 0.1.
const PATIENCE_DISTANCE = 2.5
const TRAINING_OPTION_KEYS: readonly string[] = [
  ...READINESS_OPTION_KEYS,
  'seed',
  'id',
  'name',
  'published',
  'attributes',
  'holdoutFraction',
  'acceptWeakModel',
  'maxInteractions',
]
const CHOICE_KEYS: readonly string[] = ['name', 'ignoreEmptyValues', 'kind']
const KINDS: readonly ScoringAttributeKind[] = ['category', 'number', 'date', 'boolean', 'presence']

/** An attribute's value as read off a lead. */
type Raw = string | number | boolean | undefined

interface Choice {
  readonly name: string
  /** Absent for a custom attribute whose kind is inferred from the training values. */
  readonly kind: ScoringAttributeKind | undefined
  readonly ignoreEmptyValues: boolean
}

/** One attribute, encoded for every usable lead: the index of its value, or -1 when ignored. */
interface Encoded {
  readonly definition: AttributeDefinition
  readonly ignoreEmptyValues: boolean
  readonly keys: readonly string[]
  readonly cuts: readonly number[] | undefined
  readonly codes: Int32Array
  readonly qualified: Int32Array
  readonly disqualified: Int32Array
  readonly informationValue: number
}

/**
 * Trains a lead scoring model on closed leads: an Explainable Boosting Machine. Numbers and dates are binned at
 * their quantiles, categories keep every value seen on 5 training leads; each attribute's shape (a weight per bin)
 * and a few pairwise interactions are learnt by cyclic gradient boosting, early-stopped on held-out leads, refitted
 * on every lead with the rounds chosen (below 50,000 training leads; the step grows on larger histories), centred
 * on the average lead and calibrated on the held-out leads. Refuses
 * with `not_enough_data` (the readiness report in `details`) below 40 usable qualified or disqualified leads, and
 * (listing the attributes considered) when the model ranks held-out leads no better than a constant unless
 * `acceptWeakModel`. An unknown option (`publised`) is `invalid_value` with the nearest known option named.
 * Training costs O(rounds × attributes × leads + attributes² × min(leads, 20,000)) (see docs/scoring.md).
 *
 * @param leads - the history; only closed leads inside the window that meet the options are used
 * @param options - `now`, the training window, conditions, process flow, attributes, seed, id, name, `published`
 * @returns a frozen, JSON-serialisable model
 * @example
 * const model = trainScoringModel(history, { now: '2026-06-01T00:00:00Z', seed: 7, published: true })
 * model.holdoutAuc //=> 0.87
 * model.accuracyGrade //=> 'A'
 * model.attributes.map((a) => a.name) //=> ['budgetStatus', 'purchaseTimeframe', 'decisionMaker', …]
 */
export function trainScoringModel(leads: readonly Lead[], options: TrainScoringModelOptions): ScoringModel {
  try {
    return trainScoringModelUnguarded(leads, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function trainScoringModelUnguarded(leads: readonly Lead[], options: TrainScoringModelOptions): ScoringModel {
  const reader = new InputReader()
  const settings = readReadinessOptions(reader, options, TRAINING_OPTION_KEYS, 'the training options')
  const input = (options ?? {}) as unknown as Readonly<Record<string, unknown>>
  const seed = input.seed === undefined ? 1 : reader.number(input.seed, ['seed'], { integer: true, min: 0, max: 4294967295 })
  const id = reader.string(input.id, ['id'], { max: 100 })
  const name = reader.string(input.name, ['name'], { max: 200 })
  const published = reader.boolean(input.published, ['published']) ?? false
  const acceptWeakModel = reader.boolean(input.acceptWeakModel, ['acceptWeakModel']) ?? false
  const maxInteractions =
    input.maxInteractions === undefined
      ? 10
      : reader.number(input.maxInteractions, ['maxInteractions'], { integer: true, min: 0, max: 20 })
  const holdoutFraction =
    input.holdoutFraction === undefined ? 0.2 : reader.number(input.holdoutFraction, ['holdoutFraction'], { min: 0.1, max: 0.5 })
  const choices = readChoices(reader, input.attributes)
  reader.throwIfAny()
  if (settings === undefined || seed === undefined || holdoutFraction === undefined || maxInteractions === undefined) {
    throw new LeadkitError(reader.issues)
  }

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
  const candidates = choices ?? automaticCandidates(usable, isHoldout)
  const definitions = candidates.map((choice) => definitionOf(choice, usable, isHoldout))
  // Lead-major reading: each lead object is visited once for every candidate attribute, instead of once per
  // attribute, because on large histories the cost is memory access to the leads, not the reading itself.
  const raws = candidates.map(() => new Array<Raw>(usable.length))
  const readers = definitions.map((definition) => definition.read)
  // This run's own memo of normalised text: it goes when the run ends.
  const text = createTextNormaliser()
  const nowMs = settings.nowMs
  for (let i = 0; i < usable.length; i++) {
    const lead = usable[i] as Lead
    for (let j = 0; j < readers.length; j++) {
      ;(raws[j] as unknown[])[i] = (readers[j] as AttributeDefinition['read'])(lead, text, nowMs)
    }
  }
  const encoded = candidates.map((choice, j) =>
    encode(definitions[j] as AttributeDefinition, choice.ignoreEmptyValues, raws[j] as Raw[], labels, isHoldout),
  )
  const selected = choices !== undefined ? encoded : selectByInformationValue(encoded)

  const all: BinnedColumns = {
    columns: selected.map((attribute) => attribute.codes),
    sizes: selected.map((attribute) => attribute.keys.length),
    labels: Uint8Array.from(labels, (label) => (label ? 1 : 0)),
  }
  const trainingRows: number[] = []
  const holdoutRows: number[] = []
  for (let i = 0; i < usable.length; i++) (isHoldout[i] === 1 ? holdoutRows : trainingRows).push(i)
  const binning = {
    ordered: selected.map((attribute) => attribute.cuts !== undefined),
    emptyBins: selected.map((attribute) => attribute.keys.indexOf(EMPTY)),
    maxGroups: BOOSTING.maxGroups,
  }
  const boosting = boostingFor(trainingRows.length, maxInteractions)
  const holdoutData = selectRows(all, Int32Array.from(holdoutRows))
  const stageOne = boostWithValidation(selectRows(all, Int32Array.from(trainingRows)), holdoutData, binning, boosting)
  const holdoutAuc = areaUnderCurve(stageOne.validationScores, holdoutData.labels)
  const holdoutScores = stageOne.validationScores
  const calibration = calibrate(all, trainingRows, holdoutRows, holdoutScores, stageOne.terms, binning, boosting, seed)
  if (holdoutAuc < MIN_USEFUL_AUC && !acceptWeakModel) throw weakModelError(encoded, holdoutAuc, choices !== undefined)
  // The refit gives the model the holdout's leads too: a quarter more data on a small history. From REFIT_BELOW
  // training leads on, the extra fifth barely moves the shapes (AUC on 100,000 fresh leads within 0.0003) while
  // refitting would double the boosting; the stage-one model is kept, the very model the calibration was fitted to.
  const fitted = trainingRows.length < REFIT_BELOW ? refit(all, stageOne.terms, binning, boosting) : stageOne.terms
  const terms = centre(all, fitted)
  const groups = nearDuplicateGroups(all, terms)

  const attributes: ScoringModelAttribute[] = selected.map((attribute, j) => {
    const shape = terms.shapes[j] as Float64Array
    const base = {
      name: attribute.definition.name,
      kind: attribute.definition.kind,
      ignoreEmptyValues: attribute.ignoreEmptyValues,
      informationValue: round(attribute.informationValue, 6),
    }
    const values = attribute.keys.map((value, v) => ({
      value,
      qualified: attribute.qualified[v] as number,
      disqualified: attribute.disqualified[v] as number,
      weight: round(shape[v] as number, 6),
    }))
    const group = groups[j] as number
    return attribute.cuts === undefined ? { ...base, group, values } : { ...base, cuts: attribute.cuts, group, values }
  })
  const interactions: ScoringInteraction[] = terms.pairs.map((pair) => ({
    attributes: [attributes[pair.a]?.name as string, attributes[pair.b]?.name as string],
    groups: [Array.from(pair.groupsA), Array.from(pair.groupsB)],
    weights: Array.from({ length: pair.rows }, (_, r) =>
      Array.from(pair.weights.subarray(r * pair.cols, (r + 1) * pair.cols), (w) => round(w, 6)),
    ),
  }))

  const conditions = settings.conditions
  const identity = JSON.stringify([settings.now, seed, settings.trainingWindow, conditions, settings.processFlow, report.qualified, report.disqualified, attributes.map((a) => a.name)])
  const model: ScoringModel = {
    formatVersion: 2,
    // The name-based GUID of what the model was trained on: training the same history again gives the same id.
    id: id ?? nameBasedGuid(`scoring-model:${identity}`),
    name: name ?? 'Lead scoring model',
    published,
    trainedOn: settings.now,
    seed,
    trainingWindow: settings.trainingWindow,
    conditions,
    ...(settings.processFlow === undefined ? {} : { processFlow: settings.processFlow }),
    attributes,
    interactions,
    rounds: { main: terms.mainRounds, interactions: terms.pairRounds },
    intercept: round(terms.intercept, 6),
    calibration: { method: 'platt', a: calibration.a, b: plainZero(calibration.b) },
    holdoutAuc,
    accuracyGrade: gradeModelAccuracy(holdoutAuc),
    counts: {
      qualified: report.qualified,
      disqualified: report.disqualified,
      training: trainingRows.length,
      holdout: holdoutRows.length,
    },
  }
  // The slot scoreLead compiles the model into on first use; frozen with the model, not enumerable.
  return deepFreeze(withPreparedSlot(model))
}

/**
 * Platt scaling of the model's log-odds. A holdout with few leads of either outcome fits its two parameters with
 * much noise (attrition: 206 holdout leads, 33 of them positive, gave a slope of 1.67 on one seed, 0.95 on
 * another), so then the training leads are cross-fitted too: they are split into CROSS_FIT_FOLDS stratified folds,
 * each fold is scored by the chosen terms refitted, with the chosen rounds, on every other usable lead (the holdout
 * included), and Platt is fitted on those out-of-fold log-odds and the holdout's, one for every usable lead, as
 * scikit-learn's CalibratedClassifierCV(ensemble=False) does before the model is refitted on everything. The
 * rounds are the final model's, so the log-odds calibrated are as spread as its own. The folds are seeded, so the
 * model stays deterministic.
 */
function calibrate(
  all: BinnedColumns,
  trainingRows: readonly number[],
  holdoutRows: readonly number[],
  holdoutScores: Float64Array,
  chosen: BoostedTerms,
  binning: PairBinning,
  boosting: BoostSettings,
  seed: number,
): { readonly a: number; readonly b: number } {
  let holdoutPositives = 0
  for (const row of holdoutRows) holdoutPositives += all.labels[row] as number
  const minority = Math.min(holdoutPositives, holdoutRows.length - holdoutPositives)
  if (minority >= CROSS_FIT_MINORITY) {
    return fitPlatt(holdoutScores, Uint8Array.from(holdoutRows, (row) => all.labels[row] as number))
  }
  const n = all.labels.length
  const outOfFold = new Float64Array(n)
  holdoutRows.forEach((row, k) => (outOfFold[row] = holdoutScores[k] as number))
  // A stream of its own (the seed's golden-ratio neighbour), so the holdout split above is unchanged.
  const random = createPrng((seed + 0x9e3779b9) >>> 0)
  const fold = new Int32Array(n).fill(-1)
  for (const outcome of [1, 0]) {
    const rows = trainingRows.filter((row) => all.labels[row] === outcome)
    shuffleInPlace(rows, random)
    rows.forEach((row, k) => (fold[row] = k % CROSS_FIT_FOLDS))
  }
  for (let f = 0; f < CROSS_FIT_FOLDS; f++) {
    const inside: number[] = []
    const outside: number[] = []
    for (let i = 0; i < n; i++) (fold[i] === f ? outside : inside).push(i)
    if (outside.length === 0) continue
    const terms = refit(selectRows(all, Int32Array.from(inside)), chosen, binning, boosting)
    const scores = scoreRows(selectRows(all, Int32Array.from(outside)), terms.intercept, terms.shapes, terms.pairs)
    outside.forEach((row, k) => (outOfFold[row] = scores[k] as number))
  }
  return fitPlatt(outOfFold, all.labels)
}

/**
 * The booster's settings for `trainingLeads`. On up to 10,000 leads each step moves 0.1 of the Newton step. A larger
 * history gives each step's per-bin gradients less noise, so the step grows with √(leads / 10,000), up to 0.3 at
 * 90,000 leads: the rounds (and the training time) stop growing with the history while the shapes stay as smooth.
 * Patience is a distance, so a larger step waits fewer rounds. Same input, same
 * model.
 */
function boostingFor(trainingLeads: number, maxPairs: number): BoostSettings {
  const growth = Math.sqrt(Math.max(1, trainingLeads / 10_000))
  const learningRate = Math.min(BOOSTING.maxLearningRate, BOOSTING.learningRate * growth)
  return {
    learningRate,
    maxRounds: BOOSTING.maxRounds,
    patience: Math.ceil(PATIENCE_DISTANCE / learningRate - 1e-9),
    l2: BOOSTING.l2,
    maxPairs,
  }
}

function weakModelError(encoded: readonly Encoded[], auc: number, named: boolean): LeadkitError {
  const considered = [...encoded]
    .sort((x, y) => y.informationValue - x.informationValue)
    .map(({ definition, informationValue }) => ({
      name: definition.name,
      kind: definition.kind,
      informationValue: round(informationValue, 4),
    }))
  const listed = considered
    .slice(0, 10)
    .map((a) => `${a.name} (${a.kind}, information value ${a.informationValue})`)
    .join(', ')
  const more = considered.length > 10 ? ` and ${considered.length - 10} more` : ''
  return new LeadkitError(
    {
      code: 'not_enough_data',
      path: named ? ['attributes'] : [],
      message:
        `The model ranks held-out leads no better than a constant score (holdout AUC ${auc.toFixed(3)}, below ` +
        `${MIN_USEFUL_AUC}). Attributes considered: ${listed}${more}; none tells qualified from disqualified leads ` +
        `(an information value below ${MIN_INFORMATION_VALUE} carries no signal). Add attributes that differ ` +
        `between the outcomes (custom fields as extra.<field>), or pass acceptWeakModel: true to keep this model.`,
    },
    { details: { holdoutAuc: auc, considered } },
  )
}

/**
 * Which attributes share a factor slot: those whose contributions over the leads correlate at
 * {@link GROUP_CORRELATION} or more (near-duplicates such as a grade and its interest rate), joined transitively;
 * each group is named by its first attribute's index.
 */
function nearDuplicateGroups(data: BinnedColumns, terms: BoostedTerms): number[] {
  const width = data.columns.length
  const n = data.labels.length
  const contributions = data.columns.map((column, j) => {
    const shape = terms.shapes[j] as Float64Array
    const out = new Float64Array(n)
    let mean = 0
    for (let i = 0; i < n; i++) {
      const bin = column[i] as number
      out[i] = bin >= 0 ? (shape[bin] as number) : 0
      mean += out[i] as number
    }
    mean /= Math.max(1, n)
    let norm = 0
    for (let i = 0; i < n; i++) {
      out[i] = (out[i] as number) - mean
      norm += (out[i] as number) ** 2
    }
    return { values: out, norm: Math.sqrt(norm) }
  })
  const parent = Array.from({ length: width }, (_, j) => j)
  const root = (j: number): number => {
    let r = j
    while (parent[r] !== r) r = parent[r] as number
    return r
  }
  for (let a = 0; a < width; a++) {
    const x = contributions[a] as { values: Float64Array; norm: number }
    if (x.norm === 0) continue
    for (let b = a + 1; b < width; b++) {
      const y = contributions[b] as { values: Float64Array; norm: number }
      if (y.norm === 0) continue
      let dot = 0
      for (let i = 0; i < n; i++) dot += (x.values[i] as number) * (y.values[i] as number)
      if (dot / (x.norm * y.norm) >= GROUP_CORRELATION) {
        const ra = root(a)
        const rb = root(b)
        parent[Math.max(ra, rb)] = Math.min(ra, rb)
      }
    }
  }
  return parent.map((_, j) => root(j))
}

// JSON writes -0 as 0; normalising here keeps a model equal to its JSON round trip.
function plainZero(value: number): number {
  return value + 0
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  // A tiny negative weight rounds to -0, which JSON writes as 0.
  return plainZero(Math.round(value * factor) / factor)
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
    let kind: ScoringAttributeKind | undefined
    if (typeof item === 'string') {
      name = reader.string(item, path, { required: true })
    } else {
      const object = reader.object(item, ['attributes', index])
      if (object === undefined) return
      name = reader.string(object.name, path, { required: true })
      ignoreEmptyValues = reader.boolean(object.ignoreEmptyValues, ['attributes', index, 'ignoreEmptyValues']) ?? false
      kind = reader.enumeration(object.kind, ['attributes', index, 'kind'], KINDS)
      reader.knownKeys(object, CHOICE_KEYS, ['attributes', index], 'an attribute choice')
    }
    if (name === undefined) return
    const builtIn = builtInDefinition(name)
    if (builtIn === undefined && extraKey(name) === undefined) {
      reader.add(
        'invalid_value',
        path,
        `${formatPath(path)} must be one of ${BUILT_IN_ATTRIBUTE_NAMES.join(', ')} or extra.<field> (got "${name}")`,
      )
      return
    }
    if (builtIn !== undefined && kind !== undefined && kind !== builtIn.kind) {
      const at = ['attributes', index, 'kind']
      reader.add('invalid_combination', at, `${formatPath(at)}: ${name} is a ${builtIn.kind} attribute; leave kind out`)
      return
    }
    if (seen.has(name)) {
      reader.add('invalid_value', path, `${formatPath(path)} names "${name}" twice; list each attribute once`)
      return
    }
    seen.add(name)
    choices.push({ name, kind: kind ?? builtIn?.kind, ignoreEmptyValues })
  })
  return choices
}

/** Every built-in attribute, then every custom field on at least 1% of the training leads, in order of first sight. */
function automaticCandidates(usable: readonly Lead[], isHoldout: Uint8Array): Choice[] {
  const choices: Choice[] = BUILT_IN_ATTRIBUTE_NAMES.map((name) => ({
    name,
    kind: builtInDefinition(name)?.kind,
    ignoreEmptyValues: false,
  }))
  const counts = new Map<string, number>()
  let training = 0
  usable.forEach((lead, i) => {
    if (isHoldout[i] === 1) return
    training += 1
    const extra = lead.extra
    if (extra === undefined || extra === null || typeof extra !== 'object') return
    for (const key of Object.keys(extra)) {
      const value = extra[key]
      if (value === undefined || value === null || value === '') continue
      // Bounded: a history with thousands of distinct keys is counted for the first few hundred only.
      if (!counts.has(key) && (counts.size >= MAX_EXTRA_CANDIDATES * 4 || !isExtraKey(key))) continue
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  })
  for (const [key, count] of counts) {
    if (count < MIN_EXTRA_SHARE * training) continue
    if (choices.length >= BUILT_IN_ATTRIBUTE_NAMES.length + MAX_EXTRA_CANDIDATES) break
    choices.push({ name: `extra.${key}`, kind: undefined, ignoreEmptyValues: false })
  }
  return choices
}

/** The definition of a choice; a custom attribute's kind is inferred from its training values when not given. */
function definitionOf(choice: Choice, usable: readonly Lead[], isHoldout: Uint8Array): AttributeDefinition {
  let kind = choice.kind
  if (kind === undefined) {
    const key = extraKey(choice.name) as string
    const values: unknown[] = []
    usable.forEach((lead, i) => {
      const extra = lead.extra
      if (isHoldout[i] === 1 || extra === undefined || !Object.prototype.hasOwnProperty.call(extra, key)) return
      values.push(extra[key])
    })
    kind = inferKind(values)
  }
  return attributeDefinition(choice.name, kind) as AttributeDefinition
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
  definition: AttributeDefinition,
  ignoreEmptyValues: boolean,
  raw: readonly Raw[],
  labels: readonly boolean[],
  isHoldout: Uint8Array,
): Encoded {
  const codes = new Int32Array(raw.length)
  let keys: string[]
  let cuts: number[] | undefined
  if (definition.kind === 'number' || definition.kind === 'date') {
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
      .filter(([value, count]) => count >= MIN_VALUE_COUNT && value !== EMPTY && value !== OTHER)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .slice(0, MAX_CATEGORY_VALUES)
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
  const iv = informationValue(qualified, disqualified)
  return { definition, ignoreEmptyValues, keys, cuts, codes, qualified, disqualified, informationValue: iv }
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
