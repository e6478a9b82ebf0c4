import { describe, expect, it } from 'vitest'
import { parseScoringModel, selectScoringModel, trainScoringModel } from '../../src/scoring/index.js'
import type { ScoringModel } from '../../src/scoring/index.js'
import { generateScoringHistory } from '../support/scoringGenerator.js'
import { NOW, openLead } from '../support/scoringLeads.js'

const base = trainScoringModel(generateScoringHistory({ count: 600, now: NOW, seed: 2 }), { now: NOW, published: true, attributes: ['budgetStatus'] })

function variant(changes: Partial<ScoringModel>): ScoringModel {
  // A model trained at another instant has its window end there (parseScoringModel checks the two agree).
  const trainedOn = changes.trainedOn === undefined ? undefined : new Date(changes.trainedOn)
  const { months } = base.trainingWindow
  const window =
    trainedOn === undefined
      ? {}
      : {
          trainingWindow: {
            months,
            from: new Date(
              Date.UTC(trainedOn.getUTCFullYear(), trainedOn.getUTCMonth() - months, trainedOn.getUTCDate()),
            ).toISOString(),
            to: trainedOn.toISOString(),
          },
        }
  return parseScoringModel({ ...JSON.parse(JSON.stringify(base)), ...window, ...changes })
}

const all = variant({ id: 'all', name: 'All leads' })
const retail = variant({ id: 'retail', name: 'Retail', conditions: [{ field: 'extra.lineOfBusiness', operator: 'equals', value: 'Retail' }] })
const retailUs = variant({
  id: 'retail-us',
  name: 'Retail US',
  conditions: [
    { field: 'extra.lineOfBusiness', operator: 'equals', value: 'Retail' },
    { field: 'address.country', operator: 'equals', value: 'United States' },
  ],
})
const retailFlow = variant({ id: 'retail-flow', processFlow: 'lead-to-opportunity', conditions: retail.conditions })

describe('selectScoringModel', () => {
  it('picks the model whose conditions the lead meets, most specific first', () => {
    const lead = openLead({ extra: { lineOfBusiness: 'Retail' }, address: { country: 'Canada' } })
    expect(selectScoringModel([all, retail, retailUs], lead)?.id).toBe('retail')
    expect(selectScoringModel([all, retail, retailUs], openLead({ extra: { lineOfBusiness: 'Retail' } }))?.id).toBe('retail-us')
    expect(selectScoringModel([all, retail, retailUs], openLead({ extra: { lineOfBusiness: 'Services' } }))?.id).toBe('all')
  })

  it('counts a process flow as a condition and skips models of another flow', () => {
    const lead = openLead({ extra: { lineOfBusiness: 'Retail' }, address: { country: 'Canada' } })
    expect(selectScoringModel([retail, retailFlow], lead)?.id).toBe('retail-flow')
    expect(selectScoringModel([retail, retailFlow], { ...lead, processFlow: 'other' })?.id).toBe('retail')
  })

  it('breaks ties by the most recent training, then the smaller id, whatever the order', () => {
    const older = variant({ id: 'b', trainedOn: '2026-01-01T00:00:00.000Z' })
    const newer = variant({ id: 'c', trainedOn: '2026-02-01T00:00:00.000Z' })
    const sameTime = variant({ id: 'a', trainedOn: '2026-02-01T00:00:00.000Z' })
    expect(selectScoringModel([older, newer], openLead())?.id).toBe('c')
    expect(selectScoringModel([newer, older], openLead())?.id).toBe('c')
    expect(selectScoringModel([newer, sameTime, older], openLead())?.id).toBe('a')
    expect(selectScoringModel([sameTime, newer], openLead())?.id).toBe('a')
  })

  it('ignores unpublished models and returns undefined when none applies', () => {
    const draft = variant({ id: 'draft', published: false })
    expect(selectScoringModel([draft], openLead())).toBeUndefined()
    expect(selectScoringModel([retail], openLead())).toBeUndefined()
  })

  it('allows 10 published models and rejects 11', () => {
    const ten = Array.from({ length: 10 }, (_, i) => variant({ id: `m${i}` }))
    expect(selectScoringModel([...ten, variant({ id: 'draft', published: false })], openLead())?.id).toBe('m0')
    expect(() => selectScoringModel([...ten, variant({ id: 'm10' })], openLead())).toThrow(expect.objectContaining({ code: 'invalid_value' }))
  })
})
