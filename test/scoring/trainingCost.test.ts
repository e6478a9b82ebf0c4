// Regression test of issue 17: training time grew as about the 2.8th power of the number of custom attributes
// (25 → 19 ms, 100 → 434 ms, 200 → 3 s). It trains through the public trainScoringModel and counts the learner's
// operations (row × attribute visits plus the solver's arithmetic), never wall time, so it holds on any machine.
import { describe, expect, it, vi } from 'vitest'
import { createPrng } from '../../src/internal/prng.js'
import type { Lead } from '../../src/records/types.js'
import { trainScoringModel } from '../../src/scoring/index.js'
import {
  chooseSolver,
  fitLogistic,
  type FeatureMatrix,
  type LearnerWork,
} from '../../src/scoring/internal/learn.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW } from '../support/scoringLeads.js'

// The trainer passes no work counter; this file's copy of the learner gets one, so the test reads what training did.
const counted = vi.hoisted(() => ({ work: undefined as LearnerWork | undefined }))
vi.mock('../../src/scoring/internal/learn.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/scoring/internal/learn.js')>()
  return {
    ...real,
    fitLogistic: (...[matrix, labels, lambda, options]: Parameters<typeof real.fitLogistic>) => {
      counted.work = { operations: 0, newtonSteps: 0, conjugateGradientSteps: 0, solver: undefined }
      return real.fitLogistic(matrix, labels, lambda, { ...options, work: counted.work })
    },
  }
})

const base = generateScoringHistory({ count: 1_200, now: NOW, seed: 11 })

/** The history with `n` custom attributes: a few carry the outcome (with noise), the rest are noise. */
function withAttributes(n: number): { readonly leads: Lead[]; readonly attributes: string[] } {
  const random = createPrng(n)
  const leads = base.map((lead) => {
    const extra: Record<string, string> = {}
    const qualified = lead.state === 'qualified'
    for (let k = 0; k < n; k++) {
      const signal = k % 10 === 0 && random() < 0.7
      extra[`c${k}`] = signal ? (qualified ? 'high' : 'low') : `v${Math.floor(random() * 6)}`
    }
    return { ...lead, extra }
  })
  return { leads, attributes: Array.from({ length: n }, (_, k) => `extra.c${k}`) }
}

function train(n: number): { readonly work: LearnerWork; readonly auc: number } {
  const { leads, attributes } = withAttributes(n)
  const model = trainScoringModel(leads, { now: NOW, attributes })
  return { work: counted.work as LearnerWork, auc: model.holdoutAuc }
}

const nLogN = (n: number): number => n * Math.log2(n)

describe('training time grew as about the 2.8th power of the number of custom attributes', () => {
  it('trains with 25, 100 and 200 attributes in operations that grow at most n log n, and learns', () => {
    const runs = [25, 100, 200].map((n) => ({ n, ...train(n) }))
    const [small, medium, large] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]]
    expect(medium.work.operations / small.work.operations).toBeLessThanOrEqual(nLogN(100) / nLogN(25))
    expect(large.work.operations / small.work.operations).toBeLessThanOrEqual(nLogN(200) / nLogN(25))
    // The dense solve these sizes took before costs (n · 8 features)³ / 6 a step: 200 attributes alone would be
    // 6.8 × 10^8 operations per Newton step, more than the whole fit now.
    expect(large.work.operations).toBeLessThan(((200 * 8) ** 3 / 6) * large.work.newtonSteps)
    // At 25 attributes either solver may be the cheaper one; from 100 on the dense one never is.
    expect([medium.work.solver, large.work.solver]).toEqual(['conjugate-gradient', 'conjugate-gradient'])
    for (const run of runs) {
      expect(run.work.newtonSteps).toBeLessThan(30)
      expect(run.auc).toBeGreaterThan(0.8)
    }
  })
})

describe('the learner', () => {
  /** A one-hot matrix with correlated attributes, some carrying the outcome. */
  function matrix(
    count: number,
    width: number,
    keys: number,
    seed: number,
  ): { readonly m: FeatureMatrix; readonly y: Uint8Array } {
    const random = createPrng(seed)
    const effects = Array.from({ length: width * keys }, () => (random() - 0.5) * (random() < 0.3 ? 1.2 : 0.1))
    const rows = new Int32Array(count * width)
    const y = new Uint8Array(count)
    for (let i = 0; i < count; i++) {
      let z = -0.3
      let previous = 0
      for (let j = 0; j < width; j++) {
        const value = j % 2 === 1 && random() < 0.7 ? previous : Math.floor(random() * keys)
        previous = value
        const code = random() < 0.05 ? -1 : j * keys + value
        rows[i * width + j] = code
        if (code >= 0) z += effects[code] as number
      }
      y[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0
    }
    return { m: { rows, count, width, features: width * keys }, y }
  }

  it.each([
    [8, 6],
    [25, 6],
    [60, 4],
  ])('reaches the same weights with either solver (%i attributes of %i values)', (width, keys) => {
    const { m, y } = matrix(1_500, width, keys, width)
    const dense = fitLogistic(m, y, 1, { solver: 'dense' })
    const iterative = fitLogistic(m, y, 1, { solver: 'conjugate-gradient' })
    expect(Math.abs(dense.intercept - iterative.intercept)).toBeLessThan(1e-6)
    for (let f = 0; f < m.features; f++) {
      expect(Math.abs((dense.weights[f] as number) - (iterative.weights[f] as number))).toBeLessThan(1e-6)
    }
  })

  it('keeps the dense solver where it is cheaper: a few attributes over many leads', () => {
    expect(chooseSolver(matrix(80_000, 8, 7, 1).m)).toBe('dense')
    expect(chooseSolver(matrix(1_600, 25, 8, 1).m)).toBe('dense')
    expect(chooseSolver(matrix(2_000, 100, 6, 1).m)).toBe('conjugate-gradient')
  })
})
