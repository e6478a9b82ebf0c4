import { describe, expect, it } from 'vitest'
import { CHUNK, SortedSlots } from '../../../src/duplicates/internal/sortedBlock.js'
import { createPrng } from '../../../src/internal/prng.js'

/** The sorted array SortedSlots replaced: the order and the neighbourhoods it must reproduce. */
function reference(slots: readonly number[], valueOf: (slot: number) => number): number[] {
  return [...slots].sort((a, b) => valueOf(a) - valueOf(b) || a - b)
}

function near(sorted: readonly number[], valueOf: (slot: number) => number, value: number, slot: number, window: number): number[] {
  let at = 0
  while (at < sorted.length && (valueOf(sorted[at] as number) < value || (valueOf(sorted[at] as number) === value && (sorted[at] as number) < slot))) at += 1
  return sorted.slice(Math.max(0, at - window), Math.min(sorted.length, at + window + 1))
}

describe('SortedSlots', () => {
  it('keeps the order and the neighbourhoods of one sorted array through random inserts and removes (seed 4_711)', () => {
    const random = createPrng(4_711)
    const values = new Float64Array(20_000)
    // Few distinct values: long runs of ties, ordered by slot, as a block of one surname has.
    for (let slot = 0; slot < values.length; slot += 1) values[slot] = Math.floor(random() * 40)
    const valueOf = (slot: number) => values[slot] as number
    const live = new Set<number>()
    for (let slot = 0; slot < 100; slot += 1) live.add(slot)
    const slots = new SortedSlots([...live], valueOf)
    for (let step = 0; step < 6_000; step += 1) {
      const slot = Math.floor(random() * values.length)
      if (live.has(slot) && random() < 0.4) {
        slots.remove(slot)
        live.delete(slot)
      } else if (!live.has(slot)) {
        slots.insert(slot)
        live.add(slot)
      }
      if (step % 500 === 0) {
        const sorted = reference([...live], valueOf)
        expect(slots.toArray()).toEqual(sorted)
        for (const probe of [-1, 0, slot, values.length]) {
          for (const value of [-1, 0, 17, 39, 40]) {
            const seen: number[] = []
            slots.eachNear(value, probe, 16, (s) => seen.push(s))
            expect(seen).toEqual(near(sorted, valueOf, value, probe, 16))
          }
        }
      }
    }
    expect(slots.size).toBe(live.size)
    // Removing nearly everything leaves a consistent list (chunks merge and empty ones go).
    for (const slot of [...live].slice(1)) slots.remove(slot)
    expect(slots.toArray()).toEqual([...live].slice(0, 1))
  })

  it('moves at most one chunk per insert, however large the list (a sorted array moved half of it)', () => {
    const values = new Float64Array(50_000).fill(7)
    const slots = new SortedSlots([], (slot) => values[slot] as number)
    // Ties sort by slot: inserting in descending order puts each slot first, the worst case of a sorted array.
    for (let slot = 49_999; slot >= 0; slot -= 1) slots.insert(slot)
    expect(slots.toArray()).toEqual(Array.from({ length: 50_000 }, (_, i) => i))
    // A sorted array: 0 + 1 + … + 49,999 = 1.25 billion moves. Chunks: at most CHUNK per insert plus the splits.
    expect(slots.moves / 50_000).toBeLessThanOrEqual(CHUNK + 2)
  })
})
