import { describe, expect, it } from 'vitest'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { bestDuplicateRules, findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { compileRules } from '../../src/duplicates/internal/compileRules.js'
import { parseDuplicateRule } from '../../src/duplicates/parseDuplicateRule.js'
import type { AnyDuplicateRule } from '../../src/duplicates/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'

/** What findDuplicates reports per matching candidate, in its order: the candidate's position, rule and score. */
function viaFindDuplicates(record: { id: string }, candidates: readonly { id: string }[], rules: readonly AnyDuplicateRule[], options?: Parameters<typeof findDuplicates>[3]) {
  return findDuplicates(record, candidates, rules, options).map((m) => ({ candidate: candidates.indexOf(m.record), rule: m.rule, score: m.score }))
}

describe('bestDuplicateRules', () => {
  const rules = createDefaultLeadRules({ defaultRegion: 'US' })
  // Dense duplicates (half the people repeated) so that every rule fires and many pairs fire several rules.
  const leads = generateDuplicateLeads({ count: 240, seed: 42, duplicateRate: 0.5 }).leads

  it('reports the same candidates, best rules, scores and order as findDuplicates', () => {
    let matches = 0
    for (const lead of leads) {
      const expected = viaFindDuplicates(lead, leads, rules)
      matches += expected.length
      expect(bestDuplicateRules(compileRules(rules, undefined), lead, leads)).toEqual(expected)
    }
    // The comparison above is only meaningful if duplicates were found, by more than one rule.
    expect(matches).toBeGreaterThan(100)
    const ruleNames = new Set(leads.flatMap((lead) => viaFindDuplicates(lead, leads, rules).map((m) => m.rule)))
    expect(ruleNames.size).toBeGreaterThanOrEqual(3)
  })

  it('honours detached pairs, entity filters and unpublished rules like findDuplicates', () => {
    const unpublished = parseDuplicateRule({ name: 'Same last name', baseEntity: 'lead', published: false, conditions: [{ baseField: 'lastName', operator: 'exact' }] })
    const withFuzzyFirst = [rules[2] as AnyDuplicateRule, unpublished, ...rules]
    const [first, ...rest] = leads
    const found = viaFindDuplicates(first as { id: string }, leads, withFuzzyFirst)
    const detach = found.slice(0, 1).map((m) => [(first as { id: string }).id, (leads[m.candidate] as { id: string }).id] as [string, string])
    for (const options of [undefined, { notDuplicates: detach }, { matchingEntity: 'contact' as const }, { baseEntity: 'lead' as const }]) {
      for (const lead of [first, ...rest.slice(0, 40)] as { id: string }[]) {
        expect(bestDuplicateRules(compileRules(withFuzzyFirst, undefined), lead, leads, options)).toEqual(viaFindDuplicates(lead, leads, withFuzzyFirst, options))
      }
    }
    expect(bestDuplicateRules(compileRules(withFuzzyFirst, undefined), first as { id: string }, leads, { matchingEntity: 'contact' })).toEqual([])
  })
})
