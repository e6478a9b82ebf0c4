import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createUnionFind } from '../../../src/duplicates/internal/unionFind.js'

describe('createUnionFind', () => {
  it('starts with every element alone', () => {
    const sets = createUnionFind(3)
    expect(sets.size).toBe(3)
    expect([0, 1, 2].map((x) => sets.find(x))).toEqual([0, 1, 2])
    expect(sets.connected(0, 1)).toBe(false)
  })

  it('joins transitively and reports whether a union changed anything', () => {
    const sets = createUnionFind(5)
    expect(sets.union(0, 1)).toBe(true)
    expect(sets.union(3, 4)).toBe(true)
    expect(sets.union(1, 4)).toBe(true)
    expect(sets.union(0, 3)).toBe(false)
    expect(sets.connected(0, 4)).toBe(true)
    expect(sets.connected(2, 4)).toBe(false)
  })

  it('agrees with a naive labelling on random unions (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(19), fc.nat(19)), { maxLength: 40 }), (unions) => {
        const sets = createUnionFind(20)
        const label = Array.from({ length: 20 }, (_, i) => i)
        for (const [a, b] of unions) {
          sets.union(a, b)
          const from = label[b] as number
          const to = label[a] as number
          for (let i = 0; i < 20; i += 1) if (label[i] === from) label[i] = to
        }
        for (let a = 0; a < 20; a += 1) for (let b = 0; b < 20; b += 1) expect(sets.connected(a, b)).toBe(label[a] === label[b])
      }),
    )
  })
})
