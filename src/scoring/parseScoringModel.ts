import { LeadkitError, type Issue, type SafeParseResult } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { formatPath, InputReader, safely } from '../internal/validate.js'
import { attributeDefinition, binLabel } from './internal/attributes.js'
import { readConditions } from './internal/conditions.js'
import { withPreparedSlot } from './internal/prepared.js'
import type { ScoringAttributeKind, ScoringModel, ScoringModelAttribute, ScoringValueStatistics } from './types.js'

const KINDS: readonly ScoringAttributeKind[] = ['category', 'number', 'boolean', 'presence']
// The keys of each level of a stored model: any other key is a typo or a field of another format, never ignored.
const MODEL_KEYS: readonly string[] = [
  'formatVersion', 'id', 'name', 'published', 'trainedOn', 'seed', 'trainingWindow', 'conditions', 'processFlow',
  'attributes', 'intercept', 'calibration', 'holdoutAuc', 'counts',
]
const WINDOW_KEYS: readonly string[] = ['months', 'from', 'to']
const CALIBRATION_KEYS: readonly string[] = ['method', 'a', 'b']
const COUNT_KEYS: readonly string[] = ['qualified', 'disqualified', 'training', 'holdout']
const ATTRIBUTE_KEYS: readonly string[] = ['name', 'kind', 'ignoreEmptyValues', 'informationValue', 'cuts', 'values']
const VALUE_KEYS: readonly string[] = ['value', 'qualified', 'disqualified', 'weight']

/**
 * Reads a stored scoring model (e.g. `JSON.parse` of what a host saved) and checks that it can score: a known
 * format version, known attributes of the right kind, finite weights, ordered bins, a positive calibration slope.
 *
 * @param input - untrusted model JSON
 * @returns a frozen model, equal to the one {@link trainScoringModel} produced
 * @throws LeadkitError `invalid_model` with the path of the first bad field, e.g. `['attributes', 2, 'values', 0, 'weight']`
 * @example
 * const model = parseScoringModel(JSON.parse(stored))
 * model.formatVersion //=> 1
 */
export function parseScoringModel(input: unknown): ScoringModel {
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
  if (object.formatVersion !== 1) {
    reader.add('invalid_value', ['formatVersion'], `formatVersion must be 1 (got ${String(object.formatVersion)}); retrain the model with this version of leadkit`)
  }
  const id = reader.string(object.id, ['id'], { required: true, max: 100 })
  const name = reader.string(object.name, ['name'], { required: true, max: 200 })
  const published = reader.boolean(object.published, ['published'], true)
  const trainedOn = reader.string(object.trainedOn, ['trainedOn'], { required: true, format: 'iso-instant' })
  const seed = reader.number(object.seed, ['seed'], { required: true, integer: true, min: 0 })
  const window = reader.object(object.trainingWindow, ['trainingWindow'])
  const months = window && reader.number(window.months, ['trainingWindow', 'months'], { required: true, integer: true, min: 3, max: 24 })
  const from = window && reader.string(window.from, ['trainingWindow', 'from'], { required: true, format: 'iso-instant' })
  const to = window && reader.string(window.to, ['trainingWindow', 'to'], { required: true, format: 'iso-instant' })
  reader.array(object.conditions, ['conditions'], true)
  const conditions = readConditions(reader, object.conditions, ['conditions'])
  const processFlow = reader.string(object.processFlow, ['processFlow'])
  const attributes = readAttributes(reader, object.attributes)
  const intercept = reader.number(object.intercept, ['intercept'], { required: true })
  const calibration = reader.object(object.calibration, ['calibration'])
  if (calibration) reader.enumeration(calibration.method, ['calibration', 'method'], ['platt'], true)
  const a = calibration && reader.number(calibration.a, ['calibration', 'a'], { required: true })
  if (a !== undefined && a <= 0) reader.add('invalid_value', ['calibration', 'a'], `calibration.a must be above 0 (got ${a}): a model must rank better leads higher`)
  const b = calibration && reader.number(calibration.b, ['calibration', 'b'], { required: true })
  const holdoutAuc = reader.number(object.holdoutAuc, ['holdoutAuc'], { required: true, min: 0, max: 1 })
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
  return {
    formatVersion: 1,
    id: id as string,
    name: name as string,
    published: published as boolean,
    trainedOn: trainedOn as string,
    seed: seed as number,
    trainingWindow: { months: months as number, from: from as string, to: to as string },
    conditions,
    ...(processFlow === undefined ? {} : { processFlow }),
    attributes,
    intercept: intercept as number,
    calibration: { method: 'platt', a: a as number, b: b as number },
    holdoutAuc: holdoutAuc as number,
    counts: { qualified: qualified as number, disqualified: disqualified as number, training: training as number, holdout: holdout as number },
  }
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
    if (definition.kind !== kind) {
      reader.add('invalid_value', [...at, 'kind'], `${formatPath([...at, 'kind'])} of ${name} must be "${definition.kind}" (got "${kind}")`)
      return
    }
    if (seen.has(name)) {
      reader.add('invalid_value', [...at, 'name'], `${formatPath([...at, 'name'])} repeats attribute "${name}"`)
      return
    }
    seen.add(name)
    let cuts: number[] | undefined
    if (kind === 'number') {
      const rawCuts = reader.array(object.cuts, [...at, 'cuts'], true)
      if (rawCuts !== undefined) {
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
      reader.add('invalid_value', [...at, 'cuts'], `${formatPath([...at, 'cuts'])} is only for number attributes`)
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
    const attribute = { name, kind, ignoreEmptyValues, informationValue }
    out.push(cuts === undefined ? { ...attribute, values } : { ...attribute, cuts, values })
  })
  return out
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
