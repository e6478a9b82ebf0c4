import { describe, expect, it } from 'vitest'
import { countTruePairs, pairsOf, scoreGroups } from './scoreGroups.js'
import { buildAdversarialLeads, generateSkewedLeads, JUNK_EMAIL, LEAD_KINDS } from './skewedLeads.js'

// Truth of the hand example: a, b, c are one person; d, e another; f and g one each.
const truth: Record<string, number> = { a: 1, b: 1, c: 1, d: 2, e: 2, f: 3, g: 4 }
const entityOf = (id: string) => truth[id]
const truePairs = 3 + 1

describe('scoreGroups', () => {
  it('counts the true pairs of a truth as Σ C(size, 2) over entities', () => {
    expect(countTruePairs(Object.values(truth))).toBe(4)
    expect(countTruePairs(Int32Array.of(5, 5, 5, 5))).toBe(6)
    expect(pairsOf(0)).toBe(0)
    expect(pairsOf(1)).toBe(0)
  })

  it('scores pairs inside the groups against the truth', () => {
    // {a, b, d}: 3 pairs, 1 correct (a-b); {c, f}: 1 pair, wrong; {e}: no pair; {g}: no pair.
    const scores = scoreGroups([['a', 'b', 'd'], ['c', 'f'], ['e'], ['g']], entityOf, truePairs)
    expect(scores).toMatchObject({ foundPairs: 4, correctPairs: 1, truePairs: 4, groups: 2, largestGroup: 3 })
    expect(scores.precision).toBeCloseTo(0.25)
    expect(scores.recall).toBeCloseTo(0.25)
    expect(scores.f1).toBeCloseTo(0.25)
  })

  it('gives precision and recall 1 for the true groups, and precision 1 for no groups', () => {
    const exact = scoreGroups([['a', 'b', 'c'], ['e', 'd'], ['f'], ['g']], entityOf, truePairs)
    expect(exact).toMatchObject({ precision: 1, recall: 1 })
    expect(scoreGroups([], entityOf, truePairs)).toMatchObject({ precision: 1, recall: 0, foundPairs: 0 })
  })

  it('counts one large group without enumerating its pairs: 3 of 6 pairs correct', () => {
    const scores = scoreGroups([['a', 'b', 'c', 'd']], entityOf, truePairs)
    expect(scores).toMatchObject({ foundPairs: 6, correctPairs: 3 })
  })

  it('leaves out ids without an entity, so a subset can be scored', () => {
    const scores = scoreGroups([['a', 'b', 'x', 'y']], entityOf, truePairs)
    expect(scores).toMatchObject({ foundPairs: 1, correctPairs: 1, largestGroup: 2 })
  })
})

describe('generateSkewedLeads', () => {
  it('is deterministic and carries its truth, the skew and the pathological rows', () => {
    const a = generateSkewedLeads({ count: 3000, seed: 7 })
    const b = generateSkewedLeads({ count: 3000, seed: 7 })
    expect(a.leads).toEqual(b.leads)
    expect(a.entityOf).toEqual(b.entityOf)
    expect(a.leads).toHaveLength(3000)
    expect(new Set(a.leads.map((l) => l.id)).size).toBe(3000)
    // The largest company holds many leads and its switchboard is shared.
    const megaCorp = a.leads.filter((_, i) => a.companyOf[i] === 0)
    expect(megaCorp.length).toBeGreaterThan(100)
    const phones = new Map<string, number>()
    for (const { businessPhone: phone } of a.leads) {
      if (phone !== undefined) phones.set(phone, (phones.get(phone) ?? 0) + 1)
    }
    expect(Math.max(...phones.values())).toBeGreaterThan(50)
    expect(a.leads.filter((l) => l.email === JUNK_EMAIL)).toHaveLength(15)
    // The two John Smiths at MegaCorp are different people with different emails.
    const namesakes = a.leads.filter((_, i) => LEAD_KINDS[a.kindOf[i] as number] === 'namesake')
    expect(namesakes.map((l) => `${l.firstName} ${l.lastName}`)).toEqual(['John Smith', 'John Smith'])
    expect(namesakes[0]?.email).not.toBe(namesakes[1]?.email)
    // Copies share their original's entity.
    expect(a.duplicateLeads).toBeGreaterThan(200)
    expect(countTruePairs(a.entityOf)).toBeGreaterThanOrEqual(a.duplicateLeads)
    expect(a.description).toContain('MegaCorp')
  })

  it('builds adversarial blocks of different people', () => {
    const phone = buildAdversarialLeads('shared-phone', 100)
    expect(new Set(phone.leads.map((l) => l.businessPhone)).size).toBe(1)
    expect(new Set(phone.entityOf).size).toBe(100)
    const email = buildAdversarialLeads('shared-email', 100)
    expect(new Set(email.leads.map((l) => l.email)).size).toBe(1)
    const surname = buildAdversarialLeads('surname-at-company', 100)
    expect(new Set(surname.leads.map((l) => l.lastName))).toEqual(new Set(['Smith']))
    expect(new Set(surname.leads.map((l) => l.email)).size).toBe(100)
  })
})
