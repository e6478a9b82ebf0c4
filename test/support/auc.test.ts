import { describe, expect, it } from 'vitest'
import { auc } from './auc.js'

describe('auc (the scoring benchmarks\' measure)', () => {
  it('is the share of positive–negative pairs ranked the right way, ties counting half', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75)
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1)
    expect(auc([4, 3, 2, 1], [false, false, true, true])).toBe(0)
    expect(auc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5)
  })
})
