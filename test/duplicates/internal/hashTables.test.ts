import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BlockTable } from '../../../src/duplicates/internal/blockTable.js'
import { IdTable } from '../../../src/duplicates/internal/idTable.js'
import { KeyPool } from '../../../src/duplicates/internal/keyPool.js'
import { HashMemo } from '../../../src/duplicates/internal/textMemo.js'

// The duplicate index's hash tables, each checked against a plain Map model under random operations, with capacities
// small enough that growth, rebuilding and compaction happen many times in every run.

describe('IdTable', () => {
  it('agrees with a Map under random set/delete, through rebuilds and growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 })), { maxLength: 400 }), (ops) => {
        const ids: string[] = []
        const table = new IdTable((slot) => ids[slot] as string)
        const model = new Map<string, number>()
        for (const [insert, n] of ops) {
          const id = `id-${n}`
          if (insert && !model.has(id)) {
            ids.push(id)
            table.set(id, ids.length - 1)
            model.set(id, ids.length - 1)
          } else if (!insert) {
            expect(table.delete(id)).toBe(model.get(id) ?? -1)
            model.delete(id)
          }
          expect(table.size).toBe(model.size)
        }
        for (let n = 0; n <= 60; n += 1) expect(table.get(`id-${n}`)).toBe(model.get(`id-${n}`) ?? -1)
      }),
    )
  })
  it('grows past its hint, and rebuilds in place when removals fill it', () => {
    const ids: string[] = []
    const table = new IdTable((slot) => ids[slot] as string)
    const start = table.capacity
    for (let i = 0; i < 100; i += 1) {
      ids.push(`a${i}`)
      table.set(`a${i}`, i)
    }
    expect(table.capacity).toBeGreaterThan(start)
    const grown = table.capacity
    // Churn: add and remove so removed markers pile up; the table must rebuild without growing.
    for (let i = 100; i < 2_000; i += 1) {
      ids.push(`a${i}`)
      table.set(`a${i}`, i)
      expect(table.delete(`a${i}`)).toBe(i)
    }
    expect(table.rebuilds).toBeGreaterThan(5)
    expect(table.capacity).toBe(grown)
    expect(table.get('a42')).toBe(42)
    expect(() => table.set('a42', 7)).toThrow(RangeError)
  })
})

describe('BlockTable', () => {
  it('agrees with a Map of sets under random inserts and removes, through growth', () => {
    // Few second words, so that keys sharing their first word (a 32-bit collision) are common.
    const op = fc.tuple(fc.boolean(), fc.integer({ min: -40, max: 40 }), fc.integer({ min: -1, max: 1 }), fc.integer({ min: 0, max: 30 }))
    fc.assert(
      fc.property(fc.array(op, { maxLength: 500 }), (ops) => {
        const table = new BlockTable()
        const model = new Map<string, Set<number>>()
        for (const [insert, hash, second, slot] of ops) {
          const block = model.get(`${hash},${second}`) ?? new Set<number>()
          if (insert && !block.has(slot)) {
            table.insert(hash, second, slot)
            block.add(slot)
            model.set(`${hash},${second}`, block)
          } else if (!insert) {
            const wasThere = block.delete(slot)
            expect(table.remove(hash, second, slot)).toBe(wasThere ? block.size : -1)
          }
        }
        for (const [key, block] of model) {
          const [hash, second] = key.split(',').map(Number) as [number, number]
          expect(table.sizeOf(hash, second)).toBe(block.size)
          const listed: number[] = []
          const bucket = table.bucketOf(hash, second)
          for (let e = table.head(bucket); e !== -1; e = table.next(e)) listed.push(table.slot(e))
          expect(listed.sort((a, b) => a - b)).toEqual([...block].sort((a, b) => a - b))
        }
      }),
    )
  })
  it('lists a block newest first and grows buckets and entries from the smallest size', () => {
    const table = new BlockTable()
    for (let slot = 0; slot < 200; slot += 1) table.insert(slot % 50, 1, slot)
    expect(table.bucketGrowths).toBeGreaterThan(0)
    expect(table.entryGrowths).toBeGreaterThan(0)
    const bucket = table.bucketOf(7, 1)
    const listed: number[] = []
    for (let e = table.head(bucket); e !== -1; e = table.next(e)) listed.push(table.slot(e))
    expect(listed).toEqual([157, 107, 57, 7])
    expect(table.sizeOf(12345, 1)).toBe(0)
  })
  it('keeps keys whose first words collide in blocks of their own (issue 12)', () => {
    const table = new BlockTable()
    table.insert(99, 1, 0)
    table.insert(99, 2, 1)
    table.insert(99, 2, 2)
    expect([table.sizeOf(99, 1), table.sizeOf(99, 2), table.sizeOf(99, 3)]).toEqual([1, 2, 0])
    expect(table.slotsOf(99, 2)).toEqual([2, 1])
    expect(table.remove(99, 1, 1)).toBe(-1)
  })
})

describe('KeyPool', () => {
  it('keeps each slot its keys through growth and compaction', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 25 }), fc.array(fc.integer(), { maxLength: 7 })), { maxLength: 300 }), (ops) => {
        const pool = new KeyPool()
        const model = new Map<number, number[]>()
        const secondOf = (k: number) => Math.imul(k, 31) ^ 5
        for (const [store, slot, keys] of ops) {
          if (store && !model.has(slot)) {
            pool.store(slot, keys, keys.map(secondOf), keys.map((k) => Math.abs(k) % 3), keys.length)
            model.set(slot, keys)
          } else if (!store && model.has(slot)) {
            pool.release(slot)
            model.delete(slot)
          }
        }
        const hashes: number[] = []
        const seconds: number[] = []
        const kinds: number[] = []
        for (let slot = 0; slot <= 25; slot += 1) {
          pool.load(slot, hashes, seconds, kinds)
          const keys = model.get(slot) ?? []
          expect(hashes).toEqual(keys)
          expect(seconds).toEqual(keys.map(secondOf))
          expect(kinds).toEqual(keys.map((k) => Math.abs(k) % 3))
        }
        expect(pool.liveKeys).toBe([...model.values()].reduce((sum, keys) => sum + keys.length, 0))
      }),
    )
  })
  it('compacts instead of growing when half of it is garbage', () => {
    const pool = new KeyPool()
    const keys = [1, 2, 3, 4]
    const seconds = [5, 6, 7, 8]
    for (let slot = 0; slot < 4; slot += 1) pool.store(slot, keys, seconds, [0, 1, 0, 2], 4)
    const capacity = pool.capacity
    for (let slot = 0; slot < 3; slot += 1) pool.release(slot)
    pool.store(10, keys, seconds, [1, 1, 1, 1], 4)
    expect(pool.compactions).toBe(1)
    expect(pool.capacity).toBe(capacity)
    const hashes: number[] = []
    const loaded: number[] = []
    const kinds: number[] = []
    pool.load(3, hashes, loaded, kinds)
    expect([hashes, loaded, kinds]).toEqual([keys, seconds, [0, 1, 0, 2]])
  })
})

describe('HashMemo', () => {
  it('grows from its initial size to its bound, then clears when half full', () => {
    const memo = new HashMemo(64, 4, 8)
    for (let i = 1; i <= 32; i += 1) {
      const at = memo.claim(memo.find(i, -i), i, -i)
      memo.table[at + 2] = 1
      memo.table[at + 3] = i * 10
    }
    expect(memo.capacity).toBe(64)
    expect(memo.clears).toBe(0)
    for (let i = 1; i <= 32; i += 1) {
      const at = memo.find(i, -i)
      expect([memo.table[at + 2], memo.table[at + 3]]).toEqual([1, i * 10])
    }
    const at = memo.claim(memo.find(99, 99), 99, 99)
    memo.table[at + 2] = 1
    expect(memo.clears).toBe(1)
    expect(memo.table[memo.find(1, -1) + 2]).toBe(0)
    expect(memo.table[memo.find(99, 99) + 2]).toBe(1)
  })
  it('refuses capacities that are not powers of two', () => {
    expect(() => new HashMemo(100, 4)).toThrow(RangeError)
    expect(() => new HashMemo(64, 2)).toThrow(RangeError)
  })
})
