import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateDuplicateLeadChunks, generateDuplicateLeads, pairKey } from './duplicatesGenerator.js'

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex')

describe('generateDuplicateLeadChunks', () => {
  it('yields the same leads and persons as generateDuplicateLeads for the same seed, whatever the chunk size', () => {
    const whole = generateDuplicateLeads({ count: 3000, seed: 11 })
    for (const chunkSize of [1, 7, 100, 2999, 3000, 100_000]) {
      const leads = []
      const persons: number[] = []
      let next = 0
      for (const chunk of generateDuplicateLeadChunks({ count: 3000, seed: 11 }, chunkSize)) {
        expect(chunk.start).toBe(next)
        expect(chunk.leads.length).toBe(chunk.personOf.length)
        expect(chunk.leads.length).toBeLessThanOrEqual(chunkSize + 2)
        leads.push(...chunk.leads)
        persons.push(...chunk.personOf)
        next += chunk.leads.length
      }
      expect(leads).toEqual(whole.leads)
      expect(persons).toEqual([...whole.personOf])
    }
  })

  it('never splits a person across chunks, so the true pairs can be counted chunk by chunk', () => {
    const whole = generateDuplicateLeads({ count: 5000, seed: 3 })
    const pairs = new Set<number>()
    for (const chunk of generateDuplicateLeadChunks({ count: 5000, seed: 3 }, 50)) {
      const last = chunk.start + chunk.leads.length
      if (last < 5000) expect(whole.personOf[last]).not.toBe(chunk.personOf[chunk.personOf.length - 1])
      for (let i = 0; i < chunk.leads.length; i += 1) {
        for (let j = i + 1; j < chunk.leads.length && chunk.personOf[j] === chunk.personOf[i]; j += 1) {
          pairs.add(pairKey(chunk.start + i, chunk.start + j))
        }
      }
    }
    expect(pairs).toEqual(whole.truePairs)
  })
})

describe('generateDuplicateLeads', () => {
  // Digests of the output before the generator was split into chunks (issue 15): the benchmarks' figures stay
  // comparable with earlier runs only if the same seed still gives the same leads.
  it('gives the same leads, persons and true pairs as before for pinned seeds', () => {
    const pinned = [
      { count: 3000, seed: 11, truePairs: 392, duplicateLeads: 321, sha256: '5bb3e03a07d83c90b8a34f60abb740b2dcf3038cd802c7ebe6c68a3f13381d3d' },
      { count: 2000, seed: 7, truePairs: 256, duplicateLeads: 214, sha256: 'ed031127555cf0457687a2c30361865b580c7cbeec58e5b28902383101954ef7' },
    ]
    for (const { count, seed, truePairs, duplicateLeads, sha256 } of pinned) {
      const g = generateDuplicateLeads({ count, seed })
      expect(g.truePairs.size).toBe(truePairs)
      expect(g.duplicateLeads).toBe(duplicateLeads)
      const hash = createHash('sha256')
        .update(JSON.stringify(g.leads))
        .update(JSON.stringify([...g.personOf]))
        .update(JSON.stringify([...g.truePairs].sort((a, b) => a - b)))
        .digest('hex')
      expect(hash).toBe(sha256)
    }
  })

  it('does not depend on earlier calls (no state between calls)', () => {
    expect(digest(generateDuplicateLeads({ count: 500, seed: 5 }).leads)).toBe(digest(generateDuplicateLeads({ count: 500, seed: 5 }).leads))
  })
})
