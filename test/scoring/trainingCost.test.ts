// Training cost: the boosting learner makes one pass over the training leads per term per round, plus one pass per
// candidate pair to rank interactions, so its work is O(rounds × attributes × leads + attributes² × leads). It is
// counted here through the public trainScoringModel (lead × term visits), never timed, so it holds on any machine.
import { describe, expect, it, vi } from 'vitest'
import { createPrng } from '../../src/internal/prng.js'
import type { Lead } from '../../src/records/types.js'
import { trainScoringModel } from '../../src/scoring/index.js'
import type { BoostWork } from '../../src/scoring/internal/boost.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW } from '../support/scoringLeads.js'

// The trainer passes no work counter; this file's copy of the learner gets one, so the test reads what training did.
const counted = vi.hoisted(() => ({ work: { visits: 0 } as BoostWork }))
vi.mock('../../src/scoring/internal/boost.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/scoring/internal/boost.js')>()
  return {
    ...real,
    boostWithValidation: (...[train, validation, binning, settings]: Parameters<typeof real.boostWithValidation>) =>
      real.boostWithValidation(train, validation, binning, { ...settings, work: counted.work }),
    refit: (...[data, chosen, binning, settings]: Parameters<typeof real.refit>) =>
      real.refit(data, chosen, binning, { ...settings, work: counted.work }),
  }
})

const base = generateScoringHistory({ count: 1_200, now: NOW, seed: 11 })

/** The history with `n` custom attributes: a few carry the outcome (with noise), the rest are noise. */
function withAttributes(n: number): { readonly leads: Lead[]; readonly attributes: string[] } {
  const random = createPrng(n)
  const leads = base.map((lead) => {
    const extra: Record<string, string | number> = {}
    const qualified = lead.state === 'qualified'
    for (let k = 0; k < n; k++) {
      const signal = k % 10 === 0 && random() < 0.7
      // Every other attribute is a number, so both kinds of step are counted.
      if (k % 2 === 1) extra[`c${k}`] = Math.floor(random() * 1000)
      else extra[`c${k}`] = signal ? (qualified ? 'high' : 'low') : `v${Math.floor(random() * 6)}`
    }
    return { ...lead, extra }
  })
  return { leads, attributes: Array.from({ length: n }, (_, k) => `extra.c${k}`) }
}

describe('training cost', () => {
  it('grows linearly with attributes × leads × rounds, plus attributes² × leads to rank pairs', () => {
    for (const n of [10, 40, 80]) {
      const { leads, attributes } = withAttributes(n)
      counted.work.visits = 0
      const model = trainScoringModel(leads, { now: NOW, attributes, maxInteractions: 5 })
      const usable = model.counts.training + model.counts.holdout
      // Stage one visits the training leads for every round it tried (the chosen ones plus at most 50 of patience),
      // stage two every lead for the chosen rounds, and so does each of the 4 cross-fitted calibration folds (this
      // holdout has fewer than 250 leads of either outcome), each on fewer leads; FAST visits the training leads
      // once per pair.
      const mainRounds = model.rounds.main
      const pairRounds = model.rounds.interactions
      const bound =
        model.counts.training * (n * (mainRounds + 51) + 5 * (pairRounds + 51) + (n * (n - 1)) / 2) +
        (1 + 4) * usable * (n * mainRounds + 5 * pairRounds)
      expect(counted.work.visits).toBeGreaterThan(0)
      expect(counted.work.visits).toBeLessThanOrEqual(bound)
      expect(model.holdoutAuc).toBeGreaterThan(0.75)
    }
    // Work is counted, not timed; the limit only keeps a loaded machine from failing the test.
  }, 120_000)
})
