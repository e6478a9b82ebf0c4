import { LeadkitError, type Issue, type IssuePath, type SafeParseResult } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { asLeadkitError, describe, formatPath, InputReader, safely } from '../internal/validate.js'
import {
  attributeDefinition,
  binLabel,
  booleanKey,
  createTextNormaliser,
  EMPTY,
  MAX_CATEGORY_VALUES,
  MAX_NUMBER_BINS,
  OTHER,
} from './internal/attributes.js'
import { addUtcMonths, toIso, toMs } from './internal/time.js'
import { readConditions } from './internal/conditions.js'
import { withPreparedSlot } from './internal/prepared.js'
import { gradeModelAccuracy } from './gradeModelAccuracy.js'
import type {
  Grade,
  ScoringAttributeKind,
  ScoringInteraction,
  ScoringModel,
  ScoringModelAttribute,
  ScoringValueStatistics,
} from './types.js'

const KINDS: readonly ScoringAttributeKind[] = ['category', 'number', 'date', 'boolean', 'presence']
// What the trainer can produce: 31 quantile boundaries plus two around each value held by 1/32 of the leads, 256
// learnt values of a category, 20 interactions of at most 8 × 8 groups, a 32-bit seed.
const MAX_CUTS = 3 * MAX_NUMBER_BINS
const MAX_INTERACTIONS = 20
const MAX_GROUPS = 64
const MAX_ROUNDS = 1_000_000
const MAX_SEED = 4_294_967_295
// The keys of each level of a stored model: any other key is a typo or a field of another format, never ignored.
const MODEL_KEYS: readonly string[] = [
  'formatVersion', 'id', 'name', 'published', 'trainedOn', 'seed', 'trainingWindow', 'conditions', 'processFlow',
  'attributes', 'interactions', 'rounds', 'intercept', 'calibration', 'holdoutAuc', 'accuracyGrade', 'counts',
]
const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D']
const ROUND_KEYS: readonly string[] = ['main', 'interactions']
const INTERACTION_KEYS: readonly string[] = ['attributes', 'groups', 'weights']
const WINDOW_KEYS: readonly string[] = ['months', 'from', 'to']
const CALIBRATION_KEYS: readonly string[] = ['method', 'a', 'b']
const COUNT_KEYS: readonly string[] = ['qualified', 'disqualified', 'training', 'holdout']
const ATTRIBUTE_KEYS: readonly string[] = [
  'name', 'kind', 'ignoreEmptyValues', 'informationValue', 'cuts', 'group', 'values',
]
const VALUE_KEYS: readonly string[] = ['value', 'qualified', 'disqualified', 'weight']

/**
 * Reads a stored scoring model (e.g. `JSON.parse` of what a host saved) and checks that it can score: a known
 * format version, known attributes of the right kind, finite weights, ordered bins, a positive calibration slope,
 * no unknown key at any level (with a did-you-mean), and that it is one training could have made: counts that add
 * up, a training window that ends when the model was trained and starts its months earlier, attributes that all
 * count the same training leads. See "Model validation" in docs/scoring.md.
 *
 * @param input - untrusted model JSON
 * @returns a frozen model, equal to the one {@link trainScoringModel} produced
 * @throws LeadkitError `invalid_model` with the path of the first bad field, e.g. `['attributes', 2, 'values', 0, 'weight']`
 * @example
 * const model = parseScoringModel(JSON.parse(stored))
 * model.formatVersion //=> 1
 */
export function parseScoringModel(input: unknown): ScoringModel {
  try {
    return parseScoringModelUnguarded(input)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function parseScoringModelUnguarded(input: unknown): ScoringModel {
  const reader = new InputReader()
  const model = readModel(reader, input)
  if (!reader.ok || model === undefined) {
    throw new LeadkitError(reader.issues.map((issue): Issue => ({ ...issue, code: 'invalid_model' })))
  }
  // The slot scoreLead compiles the model into on first use; frozen with the model, not enumerable.
  return deepFreeze(withPreparedSlot(model))
}

/**
 * Like {@link parseScoringModel}, but returns the outcome instead of throwing.
 *
 * @example
 * safeParseScoringModel({ formatVersion: 2 }).success //=> false
 */
export function safeParseScoringModel(input: unknown): SafeParseResult<ScoringModel> {
  return safely(() => parseScoringModel(input))
}

function readModel(reader: InputReader, input: unknown): ScoringModel | undefined {
  const object = reader.object(input, [])
  if (object === undefined) return undefined
  if (object.formatVersion !== 2) {
    const got = describe(object.formatVersion)
    const why =
      object.formatVersion === 1
        ? 'a format-1 model is a logistic regression over quintiles that this version no longer scores'
        : 'this version of leadkit reads format 2'
    const message = `formatVersion must be 2 (got ${got}): ${why}; retrain the model with trainScoringModel`
    reader.add('invalid_value', ['formatVersion'], message)
    // Nothing else of another format can be judged by this one's rules.
    return undefined
  }
  const id = reader.string(object.id, ['id'], { required: true, max: 100 })
  const name = reader.string(object.name, ['name'], { required: true, max: 200 })
  const published = reader.boolean(object.published, ['published'], true)
  const trainedOn = reader.string(object.trainedOn, ['trainedOn'], { required: true, format: 'iso-instant' })
  const seed = reader.number(object.seed, ['seed'], { required: true, integer: true, min: 0, max: MAX_SEED })
  const window = reader.object(object.trainingWindow, ['trainingWindow'])
  const months = window && reader.number(window.months, ['trainingWindow', 'months'], { required: true, integer: true, min: 3, max: 24 })
  const from = window && reader.string(window.from, ['trainingWindow', 'from'], { required: true, format: 'iso-instant' })
  const to = window && reader.string(window.to, ['trainingWindow', 'to'], { required: true, format: 'iso-instant' })
  reader.array(object.conditions, ['conditions'], true)
  const conditions = readConditions(reader, object.conditions, ['conditions'])
  const processFlow = reader.string(object.processFlow, ['processFlow'])
  const attributes = readAttributes(reader, object.attributes)
  const interactions = readInteractions(reader, object.interactions, attributes)
  const rounds = reader.object(object.rounds, ['rounds'])
  const roundCount = (key: string): number | undefined =>
    rounds && reader.number(rounds[key], ['rounds', key], { required: true, integer: true, min: 0, max: MAX_ROUNDS })
  const mainRounds = roundCount('main')
  const interactionRounds = roundCount('interactions')
  if (rounds) reader.knownKeys(rounds, ROUND_KEYS, ['rounds'], "a model's rounds")
  const intercept = reader.number(object.intercept, ['intercept'], { required: true })
  const calibration = reader.object(object.calibration, ['calibration'])
  if (calibration) reader.enumeration(calibration.method, ['calibration', 'method'], ['platt'], true)
  const a = calibration && reader.number(calibration.a, ['calibration', 'a'], { required: true })
  if (a !== undefined && a <= 0) reader.add('invalid_value', ['calibration', 'a'], `calibration.a must be above 0 (got ${a}): a model must rank better leads higher`)
  const b = calibration && reader.number(calibration.b, ['calibration', 'b'], { required: true })
  const holdoutAuc = reader.number(object.holdoutAuc, ['holdoutAuc'], { required: true, min: 0, max: 1 })
  // Absent from models stored before it existed: then it is derived from the AUC, like training does.
  const accuracyGrade = reader.enumeration(object.accuracyGrade, ['accuracyGrade'], GRADES)
  const counts = reader.object(object.counts, ['counts'])
  const count = (key: string): number | undefined =>
    counts && reader.number(counts[key], ['counts', key], { required: true, integer: true, min: 0 })
  const qualified = count('qualified')
  const disqualified = count('disqualified')
  const training = count('training')
  const holdout = count('holdout')
  reader.knownKeys(object, MODEL_KEYS, [], 'a scoring model')
  if (window) reader.knownKeys(window, WINDOW_KEYS, ['trainingWindow'], 'a training window')
  if (calibration) reader.knownKeys(calibration, CALIBRATION_KEYS, ['calibration'], 'a calibration')
  if (counts) reader.knownKeys(counts, COUNT_KEYS, ['counts'], "a model's counts")
  if (!reader.ok) return undefined
  const model: ScoringModel = {
    formatVersion: 2,
    id: id as string,
    name: name as string,
    published: published as boolean,
    trainedOn: trainedOn as string,
    seed: seed as number,
    trainingWindow: { months: months as number, from: from as string, to: to as string },
    conditions,
    ...(processFlow === undefined ? {} : { processFlow }),
    attributes,
    interactions,
    rounds: { main: mainRounds as number, interactions: interactionRounds as number },
    intercept: intercept as number,
    calibration: { method: 'platt', a: a as number, b: b as number },
    holdoutAuc: holdoutAuc as number,
    accuracyGrade: accuracyGrade ?? gradeModelAccuracy(holdoutAuc as number),
    counts: { qualified: qualified as number, disqualified: disqualified as number, training: training as number, holdout: holdout as number },
  }
  // Judged once every field is valid alone, so one cause never piles up messages.
  checkConsistency(reader, model)
  return reader.ok ? model : undefined
}

/**
 * What a trained model always satisfies: the training and holdout leads are the qualified and disqualified ones,
 * the window ends when the model was trained and starts its months earlier, and every attribute counted the same
 * training leads (all of them, or fewer when it ignores empty values), with the same split into outcomes.
 */
function checkConsistency(reader: InputReader, model: ScoringModel): void {
  const issue = (path: IssuePath, message: string): void => void reader.add('invalid_value', path, message)
  const { counts, trainingWindow: window } = model
  const grade = gradeModelAccuracy(model.holdoutAuc)
  if (model.accuracyGrade !== grade) {
    issue(
      ['accuracyGrade'],
      `accuracyGrade must be '${grade}' for a holdoutAuc of ${model.holdoutAuc} (got '${model.accuracyGrade}'): the ` +
        'grade is read off the AUC (A from 0.80, B from 0.70, C from 0.60); a model whose grade or AUC was edited ' +
        'is refused, retrain it instead',
    )
  }
  const leads = counts.qualified + counts.disqualified
  const countsAddUp = counts.training + counts.holdout === leads
  if (!countsAddUp) {
    issue(
      ['counts', 'training'],
      `counts.training (${counts.training}) and counts.holdout (${counts.holdout}) must add up to the ` +
        `${counts.qualified} qualified and ${counts.disqualified} disqualified leads (${leads})`,
    )
  }
  const fromMs = toMs(window.from)
  const endMs = toMs(window.to)
  const expectedFrom = addUtcMonths(endMs, -window.months)
  if (fromMs > endMs) {
    issue(['trainingWindow', 'from'], `trainingWindow.from (${window.from}) must not be after its end, ${window.to}`)
  } else if (expectedFrom !== fromMs) {
    issue(
      ['trainingWindow', 'from'],
      `trainingWindow.from must be ${window.months} calendar months before trainingWindow.to, ` +
        `${toIso(expectedFrom)} (got ${window.from})`,
    )
  }
  if (endMs !== toMs(model.trainedOn)) {
    issue(
      ['trainingWindow', 'to'],
      `trainingWindow.to (${window.to}) must be the instant the model was trained, trainedOn (${model.trainedOn})`,
    )
  }
  // The split of training leads into outcomes is not stored. Every attribute that counts all leads must see the
  // same split; the one most of them see is taken as the model's, so one tampered attribute is the one reported.
  const seen = new Map<string, number>()
  for (const attribute of model.attributes) {
    if (attribute.ignoreEmptyValues) continue
    const key = splitOf(attribute).join('/')
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  let common: readonly [number, number] | undefined
  let most = 0
  for (const [key, times] of seen) {
    if (times > most) {
      most = times
      common = key.split('/').map(Number) as [number, number]
    }
  }
  const [qualified, disqualified] = common ?? [counts.qualified, counts.disqualified]
  if (common !== undefined && qualified + disqualified !== counts.training && countsAddUp) {
    issue(
      ['counts', 'training'],
      `counts.training (${counts.training}) must be the ${qualified + disqualified} training leads ` +
        'the attributes count',
    )
  }
  if (qualified > counts.qualified || disqualified > counts.disqualified) {
    issue(
      ['counts'],
      `the attributes count ${qualified} qualified and ${disqualified} disqualified training leads, more than ` +
        `counts.qualified (${counts.qualified}) or counts.disqualified (${counts.disqualified})`,
    )
  }
  model.attributes.forEach((attribute, index) => {
    const [q, d] = splitOf(attribute)
    const ignores = attribute.ignoreEmptyValues
    if (ignores ? q <= qualified && d <= disqualified : q === qualified && d === disqualified) return
    const path = ['attributes', index, 'values']
    issue(
      path,
      `${formatPath(path)} of ${attribute.name} count ${q} qualified and ${d} disqualified training leads; ` +
        `the model's other attributes count ${qualified} and ${disqualified}` +
        (ignores ? ' (an attribute that ignores empty values counts at most that)' : ''),
    )
  })
}

/** How many qualified and disqualified training leads an attribute's values count. */
function splitOf(attribute: ScoringModelAttribute): [number, number] {
  let qualified = 0
  let disqualified = 0
  for (const value of attribute.values) {
    qualified += value.qualified
    disqualified += value.disqualified
  }
  return [qualified, disqualified]
}

function readAttributes(reader: InputReader, input: unknown): ScoringModelAttribute[] {
  const list = reader.array(input, ['attributes'], true)
  if (list === undefined) return []
  if (list.length === 0) reader.add('invalid_value', ['attributes'], 'attributes must list at least one attribute')
  const seen = new Set<string>()
  const out: ScoringModelAttribute[] = []
  list.forEach((item, index) => {
    const at = ['attributes', index]
    const object = reader.object(item, at)
    if (object === undefined) return
    const name = reader.string(object.name, [...at, 'name'], { required: true })
    const kind = reader.enumeration(object.kind, [...at, 'kind'], KINDS, true)
    const ignoreEmptyValues = reader.boolean(object.ignoreEmptyValues, [...at, 'ignoreEmptyValues'], true)
    const informationValue = reader.number(object.informationValue, [...at, 'informationValue'], { required: true, min: 0 })
    reader.knownKeys(object, ATTRIBUTE_KEYS, at, 'a model attribute')
    if (name === undefined || kind === undefined) return
    const definition = attributeDefinition(name)
    if (definition === undefined) {
      reader.add('invalid_value', [...at, 'name'], `${formatPath([...at, 'name'])} is not an attribute leadkit can read (got "${name}")`)
      return
    }
    // A custom attribute may be of any kind; a built-in one has its own.
    if (attributeDefinition(name, kind) === undefined) {
      reader.add('invalid_value', [...at, 'kind'], `${formatPath([...at, 'kind'])} of ${name} must be "${definition.kind}" (got "${kind}")`)
      return
    }
    const group = reader.number(object.group, [...at, 'group'], { required: true, integer: true, min: 0, max: index })
    if (group === undefined) return
    if (group !== index && out[group]?.group !== group) {
      const path = [...at, 'group']
      const message = `${formatPath(path)} must be the index of the first attribute of its group (got ${group})`
      reader.add('invalid_value', path, message)
      return
    }
    if (seen.has(name)) {
      reader.add('invalid_value', [...at, 'name'], `${formatPath([...at, 'name'])} repeats attribute "${name}"`)
      return
    }
    seen.add(name)
    let cuts: number[] | undefined
    if (kind === 'number' || kind === 'date') {
      const rawCuts = reader.array(object.cuts, [...at, 'cuts'], true)
      if (rawCuts !== undefined && rawCuts.length > MAX_CUTS) {
        const message = `${formatPath([...at, 'cuts'])} may hold at most ${MAX_CUTS} cuts, the most training makes`
        reader.add('invalid_value', [...at, 'cuts'], `${message} (got ${rawCuts.length})`)
      } else if (rawCuts !== undefined) {
        cuts = []
        rawCuts.forEach((cut, c) => {
          const value = reader.number(cut, [...at, 'cuts', c], { required: true })
          if (value === undefined) return
          if (cuts !== undefined && cuts.length > 0 && value <= (cuts[cuts.length - 1] as number)) {
            reader.add('invalid_value', [...at, 'cuts', c], `${formatPath([...at, 'cuts', c])} must be above the cut before it (got ${value})`)
          }
          cuts?.push(value)
        })
      }
    } else if (object.cuts !== undefined) {
      const message = `${formatPath([...at, 'cuts'])} is only for number and date attributes`
      reader.add('invalid_value', [...at, 'cuts'], message)
    }
    const values = readValues(reader, object.values, [...at, 'values'])
    if (cuts !== undefined && values !== undefined) {
      const keys = new Set(values.map((value) => value.value))
      for (let bin = 0; bin <= cuts.length; bin++) {
        const label = binLabel(cuts, bin)
        if (!keys.has(label)) {
          reader.add('invalid_value', [...at, 'values'], `${formatPath([...at, 'values'])} has no weight for bin "${label}" of its cuts`)
          break
        }
      }
    }
    if (ignoreEmptyValues === undefined || informationValue === undefined || values === undefined) return
    if (!checkValueKeys(reader, kind, ignoreEmptyValues, cuts, values, at)) return
    const attribute = { name, kind, ignoreEmptyValues, informationValue }
    out.push(cuts === undefined ? { ...attribute, group, values } : { ...attribute, cuts, group, values })
  })
  return out
}

/**
 * Whether an attribute's values are the ones its kind produces: its bins (number), `yes`/`no` (boolean),
 * `present`/`absent` (presence), at most 40 learnt categories in the reader's normal form plus `(other)`
 * (category), and `(empty)` exactly when empty values are not ignored. Anything else is a weight no lead can reach,
 * or a lead with no weight.
 */
function checkValueKeys(
  reader: InputReader,
  kind: ScoringAttributeKind,
  ignoreEmptyValues: boolean,
  cuts: readonly number[] | undefined,
  values: readonly ScoringValueStatistics[],
  at: IssuePath,
): boolean {
  const before = reader.issues.length
  const issue = (path: IssuePath, message: string): void => void reader.add('invalid_value', path, message)
  const valuesPath = [...at, 'values']
  const fixed =
    kind === 'number' || kind === 'date'
      ? Array.from({ length: (cuts?.length ?? 0) + 1 }, (_, bin) => binLabel(cuts ?? [], bin))
      : kind === 'category'
        ? [OTHER]
        : [booleanKey(kind, true), booleanKey(kind, false)]
  const allowed = new Set(fixed)
  // Presence is never empty: a lead has the field or not.
  if (!ignoreEmptyValues && kind !== 'presence') allowed.add(EMPTY)
  const text = kind === 'category' ? createTextNormaliser() : undefined
  let learnt = 0
  values.forEach((entry, v) => {
    const path = [...valuesPath, v, 'value']
    const quoted = `${formatPath(path)} "${entry.value}"`
    if (entry.value === EMPTY && ignoreEmptyValues) {
      issue([...at, 'ignoreEmptyValues'], `${formatPath(at)} ignores empty values but has a weight for ${EMPTY}`)
    } else if (text !== undefined && !allowed.has(entry.value)) {
      learnt += 1
      if (text(entry.value) !== entry.value) {
        issue(path, `${quoted} is never read: category values are compared trimmed, in lower case, with single spaces`)
      }
    } else if (!allowed.has(entry.value)) {
      issue(path, `${quoted} is not a value of a ${kind} attribute; use ${[...allowed].join(', ')}`)
    }
  })
  if (learnt > MAX_CATEGORY_VALUES) {
    issue(valuesPath, `${formatPath(valuesPath)} may hold at most ${MAX_CATEGORY_VALUES} learnt values (got ${learnt})`)
  }
  if (reader.issues.length === before) {
    const present = new Set(values.map((entry) => entry.value))
    // A number attribute's missing bins are reported where its cuts are read.
    const missing = kind === 'number' || kind === 'date' ? [] : [...allowed].filter((key) => !present.has(key))
    if (missing.length > 0) issue(valuesPath, `${formatPath(valuesPath)} has no weight for ${missing.join(', ')}`)
  }
  return reader.issues.length === before
}

function readValues(reader: InputReader, input: unknown, path: readonly (string | number)[]): ScoringValueStatistics[] | undefined {
  const list = reader.array(input, path, true)
  if (list === undefined) return undefined
  if (list.length === 0) {
    reader.add('invalid_value', path, `${formatPath(path)} must list at least one value`)
    return undefined
  }
  const seen = new Set<string>()
  const out: ScoringValueStatistics[] = []
  list.forEach((item, index) => {
    const at = [...path, index]
    const object = reader.object(item, at)
    if (object === undefined) return
    const value = reader.string(object.value, [...at, 'value'], { required: true })
    const qualified = reader.number(object.qualified, [...at, 'qualified'], { required: true, integer: true, min: 0 })
    const disqualified = reader.number(object.disqualified, [...at, 'disqualified'], { required: true, integer: true, min: 0 })
    const weight = reader.number(object.weight, [...at, 'weight'], { required: true })
    reader.knownKeys(object, VALUE_KEYS, at, "an attribute's value")
    if (value === undefined || qualified === undefined || disqualified === undefined || weight === undefined) return
    if (seen.has(value)) {
      reader.add('invalid_value', [...at, 'value'], `${formatPath([...at, 'value'])} repeats value "${value}"`)
      return
    }
    seen.add(value)
    out.push({ value, qualified, disqualified, weight })
  })
  return out
}

function readInteractions(
  reader: InputReader,
  input: unknown,
  attributes: readonly ScoringModelAttribute[],
): ScoringInteraction[] {
  const list = reader.array(input, ['interactions'], true)
  if (list === undefined) return []
  if (list.length > MAX_INTERACTIONS) {
    const message = `interactions may hold at most ${MAX_INTERACTIONS} pairs (got ${list.length})`
    reader.add('invalid_value', ['interactions'], message)
    return []
  }
  const byName = new Map(attributes.map((attribute) => [attribute.name, attribute]))
  const seen = new Set<string>()
  const out: ScoringInteraction[] = []
  list.forEach((item, index) => {
    const at = ['interactions', index]
    const bad = (path: IssuePath, message: string): void => {
      reader.add('invalid_value', path, `${formatPath(path)} ${message}`)
    }
    const object = reader.object(item, at)
    if (object === undefined) return
    reader.knownKeys(object, INTERACTION_KEYS, at, 'an interaction')
    const names = reader.array(object.attributes, [...at, 'attributes'], true)
    if (names === undefined) return
    if (names.length !== 2) {
      bad([...at, 'attributes'], 'must name two attributes')
      return
    }
    const pair = names.map((name, k) => {
      const path = [...at, 'attributes', k]
      const text = reader.string(name, path, { required: true })
      const attribute = text === undefined ? undefined : byName.get(text)
      if (text !== undefined && attribute === undefined) {
        reader.add('invalid_value', path, `${formatPath(path)} must be one of the model's attributes (got "${text}")`)
      }
      return attribute
    })
    const [first, second] = pair
    if (first === undefined || second === undefined) return
    const key = [first.name, second.name].sort().join('\u0000')
    if (first === second || seen.has(key)) {
      bad([...at, 'attributes'], 'must name two different attributes, as one pair once')
      return
    }
    seen.add(key)
    const rawWeights = reader.array(object.weights, [...at, 'weights'], true)
    if (rawWeights === undefined) return
    const rows = rawWeights.length
    const weights: number[][] = []
    let cols = -1
    rawWeights.forEach((row, r) => {
      const path = [...at, 'weights', r]
      const cells = reader.array(row, path, true)
      if (cells === undefined) return
      if (cols < 0) cols = cells.length
      if (cells.length !== cols || cols === 0 || cols > MAX_GROUPS) {
        bad(path, `must hold as many weights as the first row, 1 to ${MAX_GROUPS}`)
        return
      }
      weights.push(cells.map((cell, c) => reader.number(cell, [...path, c], { required: true }) ?? 0))
    })
    if (rows === 0 || rows > MAX_GROUPS) {
      bad([...at, 'weights'], `must hold 1 to ${MAX_GROUPS} rows`)
      return
    }
    const groups = reader.array(object.groups, [...at, 'groups'], true)
    if (groups === undefined) return
    if (groups.length !== 2) {
      bad([...at, 'groups'], 'must hold the groups of both attributes')
      return
    }
    const read = [first, second].map((attribute, k) => {
      const path = [...at, 'groups', k]
      const list = reader.array(groups[k], path, true)
      if (list === undefined) return undefined
      if (list.length !== attribute.values.length) {
        const count = attribute.values.length
        bad(path, `must give a group to each of the ${count} values of ${attribute.name} (got ${list.length})`)
        return undefined
      }
      const size = k === 0 ? rows : cols
      const bounds = { required: true, integer: true, min: 0, max: size - 1 }
      return list.map((group, v) => reader.number(group, [...path, v], bounds) ?? 0)
    })
    const [groupsFirst, groupsSecond] = read
    if (groupsFirst === undefined || groupsSecond === undefined) return
    out.push({ attributes: [first.name, second.name], groups: [groupsFirst, groupsSecond], weights })
  })
  return out
}
