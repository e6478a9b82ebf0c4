import { describe, expect, it } from 'vitest'
import { Arena, type Allocator } from '../../../src/duplicates/internal/arena.js'
import { BlockTable } from '../../../src/duplicates/internal/blockTable.js'

describe('Arena', () => {
  it('gives the arrays a maker asks for as aligned views into one buffer, measured first', () => {
    const make = (allocator: Allocator) => ({ a: allocator.int32(3), b: allocator.uint8(5), c: allocator.float64(2) })
    const bytes = Arena.measure(make)
    expect(bytes).toBe(16 + 8 + 16)
    const { a, b, c } = make(new Arena(bytes))
    expect(a.buffer).toBe(b.buffer)
    expect(b.buffer).toBe(c.buffer)
    expect([a.byteOffset, b.byteOffset, c.byteOffset]).toEqual([0, 16, 24])
    c[1] = 0.5
    a[2] = -7
    expect([a[2], c[1], a.length, b.length, c.length]).toEqual([-7, 0.5, 3, 5, 2])
  })

  it('makes an array on its own when the buffer has no room left', () => {
    const arena = new Arena(8)
    const first = arena.int32(2)
    const second = arena.int32(4)
    expect(second.buffer).not.toBe(first.buffer)
    expect(second.length).toBe(4)
  })

  it('serves a block table, which still grows past its first arrays', () => {
    const make = (allocator: Allocator) => new BlockTable(4, 4, allocator)
    const table = make(new Arena(Arena.measure(make)))
    for (let slot = 0; slot < 100; slot += 1) table.insert(slot % 7, slot)
    expect(table.bucketGrowths + table.entryGrowths).toBeGreaterThan(0)
    expect(table.slotsOf(3)).toHaveLength(14)
  })
})
