import { describe, expect, it } from 'vitest'
import { parseScoringModel, safeParseScoringModel, trainScoringModel } from '../../src/scoring/index.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW } from '../support/scoringLeads.js'

const model = trainScoringModel(generateScoringHistory({ count: 1500, now: NOW, seed: 4 }), {
  now: NOW,
  published: true,
  processFlow: 'lead-to-opportunity',
  conditions: [{ field: 'industry', operator: 'not-equals', value: 'insurance' }],
})
const json = (): Record<string, any> => JSON.parse(JSON.stringify(model))

function issue(input: unknown): { code: string; path: readonly (string | number)[] } {
  const result = safeParseScoringModel(input)
  if (result.success) throw new Error('expected an invalid model')
  return { code: result.error.code, path: result.error.path }
}

describe('parseScoringModel', () => {
  it('reads a stored model back equal to the trained one, frozen', () => {
    const parsed = parseScoringModel(json())
    expect(parsed).toEqual(model)
    expect(Object.isFrozen(parsed.attributes)).toBe(true)
  })

  it('rejects a model of another format version, telling to retrain a format-1 model', () => {
    expect(issue({ ...json(), formatVersion: 99 })).toEqual({ code: 'invalid_model', path: ['formatVersion'] })
    const old = safeParseScoringModel({ ...json(), formatVersion: 1 })
    expect(old.success).toBe(false)
    if (!old.success) expect(old.error.message).toMatch(/retrain the model with trainScoringModel/)
  })

  it('rejects non-objects and missing fields with their path', () => {
    expect(issue(null)).toEqual({ code: 'invalid_model', path: [] })
    expect(issue([])).toEqual({ code: 'invalid_model', path: [] })
    const { id: _id, ...noId } = json()
    expect(issue(noId)).toEqual({ code: 'invalid_model', path: ['id'] })
    expect(issue({ ...json(), published: 'yes' })).toEqual({ code: 'invalid_model', path: ['published'] })
    expect(issue({ ...json(), trainedOn: 'last week' })).toEqual({ code: 'invalid_model', path: ['trainedOn'] })
    expect(issue({ ...json(), trainingWindow: { ...json().trainingWindow, months: 30 } })).toEqual({ code: 'invalid_model', path: ['trainingWindow', 'months'] })
    expect(issue({ ...json(), holdoutAuc: 1.5 })).toEqual({ code: 'invalid_model', path: ['holdoutAuc'] })
    expect(issue({ ...json(), intercept: 'NaN' })).toEqual({ code: 'invalid_model', path: ['intercept'] })
    expect(issue({ ...json(), counts: { ...json().counts, holdout: -1 } })).toEqual({ code: 'invalid_model', path: ['counts', 'holdout'] })
  })

  it('rejects a non-finite weight or a bad value entry with the path of the value', () => {
    const bad = json()
    bad.attributes[1].values[0].weight = null
    expect(issue(bad)).toEqual({ code: 'invalid_model', path: ['attributes', 1, 'values', 0, 'weight'] })
    const repeated = json()
    repeated.attributes[0].values[1].value = repeated.attributes[0].values[0].value
    expect(issue(repeated)).toEqual({ code: 'invalid_model', path: ['attributes', 0, 'values', 1, 'value'] })
  })

  it('rejects unknown attributes and kinds that do not match the attribute', () => {
    const unknown = json()
    unknown.attributes[0].name = 'shoeSize'
    expect(issue(unknown)).toEqual({ code: 'invalid_model', path: ['attributes', 0, 'name'] })
    const wrongKind = json()
    const index = wrongKind.attributes.findIndex((a: { name: string }) => a.name === 'budgetStatus')
    wrongKind.attributes[index].kind = 'number'
    expect(issue(wrongKind)).toEqual({ code: 'invalid_model', path: ['attributes', index, 'kind'] })
    expect(issue({ ...json(), attributes: [] })).toEqual({ code: 'invalid_model', path: ['attributes'] })
  })

  it('rejects unordered cuts and cuts without a weight for each bin', () => {
    const index = model.attributes.findIndex((a) => a.kind === 'number')
    expect(index).toBeGreaterThanOrEqual(0)
    const unordered = json()
    unordered.attributes[index].cuts = [10, 5]
    expect(issue(unordered)).toEqual({ code: 'invalid_model', path: ['attributes', index, 'cuts', 1] })
    // Moving the last cut renames the top two bins, so they have no weight.
    const missingBin = json()
    const cuts = missingBin.attributes[index].cuts
    cuts[cuts.length - 1] += 1
    expect(issue(missingBin)).toEqual({ code: 'invalid_model', path: ['attributes', index, 'values'] })
  })

  it('rejects a calibration that would invert the ranking, and bad conditions', () => {
    expect(issue({ ...json(), calibration: { method: 'platt', a: -1, b: 0 } })).toEqual({ code: 'invalid_model', path: ['calibration', 'a'] })
    expect(issue({ ...json(), calibration: { method: 'isotonic', a: 1, b: 0 } })).toEqual({ code: 'invalid_model', path: ['calibration', 'method'] })
    expect(issue({ ...json(), conditions: [{ field: 'industry', operator: 'like', value: 1 }] })).toEqual({
      code: 'invalid_model',
      path: ['conditions', 0, 'operator'],
    })
  })

  it('rejects prototype-polluting keys', () => {
    const polluted = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(json()).slice(1)}`)
    expect(issue(polluted)).toEqual({ code: 'invalid_model', path: ['__proto__'] })
  })

  it('throws a LeadkitError carrying every issue', () => {
    try {
      parseScoringModel({ ...json(), id: 5, name: 6 })
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_model', path: ['id'] })
      expect((error as { issues: unknown[] }).issues).toHaveLength(2)
    }
  })
})
