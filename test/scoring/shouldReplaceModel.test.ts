import { describe, expect, it } from 'vitest'
import { shouldReplaceModel } from '../../src/scoring/index.js'

const now = '2026-06-15T12:00:00.000Z'
const current = { holdoutAuc: 0.9, trainedOn: '2026-05-01T00:00:00.000Z' }

describe('shouldReplaceModel', () => {
  it('replaces when the retrained AUC is at least 95% of the current one', () => {
    expect(shouldReplaceModel(current, { holdoutAuc: 0.855 }, now)).toEqual({ replace: true, reason: 'accurate-enough' })
    expect(shouldReplaceModel(current, { holdoutAuc: 0.95 }, now)).toEqual({ replace: true, reason: 'accurate-enough' })
    expect(shouldReplaceModel(current, { holdoutAuc: 0.854 }, now)).toEqual({ replace: false, reason: 'less-accurate' })
  })

  it('replaces a current model trained more than 3 months ago even with a weaker one', () => {
    const exactly3Months = { ...current, trainedOn: '2026-03-15T12:00:00.000Z' }
    const older = { ...current, trainedOn: '2026-03-15T11:59:59.999Z' }
    expect(shouldReplaceModel(exactly3Months, { holdoutAuc: 0.6 }, now)).toEqual({ replace: false, reason: 'less-accurate' })
    expect(shouldReplaceModel(older, { holdoutAuc: 0.6 }, now)).toEqual({ replace: true, reason: 'current-model-over-3-months-old' })
  })

  it('rejects a bad now', () => {
    expect(() => shouldReplaceModel(current, { holdoutAuc: 0.9 }, 'now')).toThrow(expect.objectContaining({ code: 'invalid_format', path: ['now'] }))
  })
})
